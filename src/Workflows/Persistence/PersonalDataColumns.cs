using System.Globalization;
using System.Linq.Expressions;
using System.Reflection;
using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.EntityFrameworkCore.Metadata;

namespace Pathway.Workflows.Persistence;

/// <summary>
/// The one place that decides how a column that may hold personal data is protected: which columns (<see cref="All"/>),
/// how the model maps them, and the place each value is bound to (<see cref="PersonalDataPlace"/>: the column, the
/// row's key, and the file the row belongs to when its key does not say).
/// </summary>
/// <remarks>
/// An EF Core value converter sees a value without its row, so it cannot bind the value to the row. Instead the
/// entity's property (<c>FileRow.State</c>) holds the plain value and is not mapped; a shadow property
/// (<see cref="StoredProperty"/>) maps the column and holds the encrypted form. <see cref="Interceptor"/> opens the
/// stored form when an entity is materialized and seals the plain value when changes are saved, so callers see plain
/// strings. A LINQ filter on a protected property cannot be translated and fails loudly (encrypted values could
/// never match anyway); a projection of one (<c>Select(f =&gt; f.State)</c>) materializes the entity and so reads it
/// plain. The statements the change tracker does not write (the PostgreSQL journal insert, an
/// <c>ExecuteUpdate</c>) seal their values with <see cref="Seal"/>.
/// </remarks>
public static class PersonalDataColumns
{
    /// <summary>
    /// Every column that can carry personal data, encrypted (text in both providers): the file's state (its
    /// variables), journal lines and bookmarks' data (values, answers), outbox payloads (messages carry the
    /// fields a task shares), the intake, the notes and the answers kept for retried requests (they name files and
    /// say which are about the same minor). The other columns are ids, statuses, stages, kinds and
    /// times, which hold no personal data by construction and stay queryable.
    /// </summary>
    public static readonly IReadOnlyList<(Type Entity, string Property)> All =
    [
        (typeof(FileRow), nameof(FileRow.State)),
        (typeof(BookmarkRow), nameof(BookmarkRow.Data)),
        (typeof(JournalRow), nameof(JournalRow.Data)),
        (typeof(OutboxRow), nameof(OutboxRow.Payload)),
        (typeof(IntakeRow), nameof(IntakeRow.Reporter)),
        (typeof(IntakeRow), nameof(IntakeRow.Minor)),
        (typeof(IntakeRow), nameof(IntakeRow.Facts)),
        (typeof(FileNoteRow), nameof(FileNoteRow.Text)),
        (typeof(IdempotencyKeyRow), nameof(IdempotencyKeyRow.Body)),
    ];

    /// <summary>The row's file, part of its place when its key does not hold it (bookmarks, outbox, notes): a row
    /// moved to another file (its <c>file_id</c> changed) no longer reads.</summary>
    private const string FileIdProperty = "FileId";

    private static readonly ConditionalWeakTable<IEntityType, ProtectedEntity?> Entities = new();

    /// <summary>
    /// The plain values a tracked entity was opened or sealed with, so that saving it again writes only the values that
    /// changed (a journal line is never rewritten) and costs nothing for the others.
    /// </summary>
    private static readonly ConditionalWeakTable<object, string?[]> Known = new();

    /// <summary>The model's shadow property that maps a protected column and holds its encrypted form, e.g. for an
    /// <c>ExecuteUpdate</c>: <c>SetProperty(b =&gt; EF.Property&lt;string?&gt;(b, StoredProperty("Data")), sealed)</c>.</summary>
    public static string StoredProperty(string property) => "Sealed" + property;

    /// <summary>Maps each protected column to its shadow property; the entity's own property is not mapped.</summary>
    internal static void Map(ModelBuilder model, Func<string, string> columnName)
    {
        var nullability = new NullabilityInfoContext();
        foreach (var (type, name) in All)
        {
            var entity = model.Entity(type);
            entity.Ignore(name);
            var plain = type.GetProperty(name)!;
            entity.Property<string>(StoredProperty(name)).HasColumnName(columnName(name))
                .IsRequired(nullability.Create(plain).ReadState == NullabilityState.NotNull);
        }
    }

    /// <summary>The place of <paramref name="row"/>'s value of <paramref name="property"/>.</summary>
    public static PersonalDataPlace PlaceOf(IEntityType entity, object row, string property)
    {
        var protectedEntity = Protected(entity) ?? throw new ArgumentException($"{entity.DisplayName()} has no protected column.", nameof(entity));
        var column = protectedEntity.Columns.SingleOrDefault(c => c.Property == property)
            ?? throw new ArgumentException($"{entity.DisplayName()}.{property} is not a protected column.", nameof(property));
        return protectedEntity.PlaceOf(column, row);
    }

    /// <summary>
    /// <paramref name="row"/>'s value of <paramref name="property"/> as it is stored, for a statement the change tracker
    /// does not write (the PostgreSQL journal insert, an <c>ExecuteUpdate</c>). <paramref name="row"/> needs only its
    /// key, file id and that value set.
    /// </summary>
    public static string? Seal<TRow>(PathwayDbContext context, TRow row, string property) where TRow : class
    {
        var entity = context.Model.FindEntityType(typeof(TRow)) ?? throw new ArgumentException($"{typeof(TRow).Name} is not in the model.", nameof(row));
        var place = PlaceOf(entity, row, property);
        var plain = Protected(entity)!.Columns.Single(c => c.Property == property).Get(row);
        return plain is null ? null : context.Protector.Protect(plain, place);
    }

    /// <summary>The protected columns of <paramref name="entity"/>, or null when it has none.</summary>
    internal static ProtectedEntity? Protected(IEntityType entity) => Entities.GetValue(entity, ProtectedEntity.Of);

    /// <summary>The protected columns of one entity type, with what binds a value to its row.</summary>
    internal sealed class ProtectedEntity(IReadOnlyList<ProtectedColumn> columns, IReadOnlyList<IProperty> identity)
    {
        public IReadOnlyList<ProtectedColumn> Columns { get; } = columns;

        public static ProtectedEntity? Of(IEntityType entity)
        {
            var columns = All.Where(c => c.Entity == entity.ClrType).Select(c => ProtectedColumn.Of(entity, c.Property)).ToList();
            if (columns.Count == 0) return null;
            var identity = entity.FindPrimaryKey()!.Properties.ToList();
            if (entity.FindProperty(FileIdProperty) is { } file && !identity.Contains(file)) identity.Add(file);
            return new ProtectedEntity(columns, identity);
        }

        public PersonalDataPlace PlaceOf(ProtectedColumn column, object row) => new(column.Name,
            identity.Select(p => Convert.ToString(p.GetGetter().GetClrValue(row), CultureInfo.InvariantCulture)
                ?? throw new InvalidOperationException($"{column.Name}: the row's {p.Name} is not set.")).ToArray());

        /// <summary>Opens the stored values of a materialized entity into its plain properties.</summary>
        /// <param name="tracked">Whether the change tracker keeps the entity: only then are its plain values remembered.</param>
        public void Open(PathwayDbContext context, object row, Func<string, string?> stored, bool tracked)
        {
            var plain = new string?[Columns.Count];
            for (var i = 0; i < Columns.Count; i++)
            {
                var column = Columns[i];
                plain[i] = stored(column.Stored) is { } value
                    ? context.OpensUnboundValues && PersonalDataProtector.IsUnbound(value)
                        ? context.Protector.UnprotectUnbound(value, column.Name)
                        : context.Protector.Unprotect(value, PlaceOf(column, row))
                    : null;
                column.Set(row, plain[i]);
            }

            if (tracked) Known.AddOrUpdate(row, plain);
        }

        /// <summary>Seals the plain values of a tracked entity into its stored properties, where they changed.</summary>
        public void Seal(PathwayDbContext context, Microsoft.EntityFrameworkCore.ChangeTracking.EntityEntry entry)
        {
            var known = entry.State == EntityState.Added ? null : Known.TryGetValue(entry.Entity, out var k) ? k : null;
            var plain = new string?[Columns.Count];
            for (var i = 0; i < Columns.Count; i++)
            {
                var column = Columns[i];
                plain[i] = column.Get(entry.Entity);
                var stored = entry.Property(column.Stored);
                // An entity whose plain values were not remembered (attached rather than materialized) is sealed anew.
                var unchanged = known is not null ? string.Equals(known[i], plain[i], StringComparison.Ordinal)
                    : entry.State != EntityState.Added && plain[i] is null && stored.CurrentValue is null;
                if (!unchanged)
                    stored.CurrentValue = plain[i] is null ? null : context.Protector.Protect(plain[i]!, PlaceOf(column, entry.Entity));
            }

            Known.AddOrUpdate(entry.Entity, plain);
        }
    }

    /// <summary>One protected column: the plain property, its shadow stored property, its column, and the name
    /// exceptions give it (<c>files.state</c>).</summary>
    internal sealed record ProtectedColumn(string Property, string Stored, string Column, string Name, Func<object, string?> Get,
        Action<object, string?> Set)
    {
        public static ProtectedColumn Of(IEntityType entity, string property)
        {
            var stored = entity.FindProperty(StoredProperty(property))!;
            var clr = entity.ClrType.GetProperty(property)!;
            var row = Expression.Parameter(typeof(object), "row");
            var value = Expression.Parameter(typeof(string), "value");
            var typed = Expression.Convert(row, entity.ClrType);
            // Init-only properties too (JournalRow.Data): an init accessor is a setter the compiler alone restricts.
            return new ProtectedColumn(property, stored.Name, stored.GetColumnName(), $"{entity.GetTableName()}.{stored.GetColumnName()}",
                Expression.Lambda<Func<object, string?>>(Expression.Property(typed, clr), row).Compile(),
                Expression.Lambda<Action<object, string?>>(Expression.Assign(Expression.Property(typed, clr), value), row, value).Compile());
        }
    }

    /// <summary>Opens protected values as entities are materialized, seals them as changes are saved. Stateless: one
    /// instance serves every context, each with its own key ring (<see cref="PathwayDbContext.Protector"/>).</summary>
    internal sealed class Interceptor : IMaterializationInterceptor, ISaveChangesInterceptor
    {
        public static readonly Interceptor Instance = new();

        public object InitializedInstance(MaterializationInterceptionData materializationData, object entity)
        {
            if (materializationData.Context is PathwayDbContext context && Protected(materializationData.EntityType) is { } protectedEntity)
                protectedEntity.Open(context, entity, name => materializationData.GetPropertyValue<string?>(name),
                    materializationData.QueryTrackingBehavior == QueryTrackingBehavior.TrackAll);
            return entity;
        }

        public InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
        {
            SealAll(eventData.Context);
            return result;
        }

        public ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result,
            CancellationToken cancellationToken = default)
        {
            SealAll(eventData.Context);
            return ValueTask.FromResult(result);
        }

        private static void SealAll(DbContext? context)
        {
            if (context is not PathwayDbContext pathway) return;
            foreach (var entry in pathway.ChangeTracker.Entries())
            {
                if (entry.State is EntityState.Added or EntityState.Modified or EntityState.Unchanged
                    && Protected(entry.Metadata) is { } protectedEntity)
                    protectedEntity.Seal(pathway, entry);
            }
        }
    }
}
