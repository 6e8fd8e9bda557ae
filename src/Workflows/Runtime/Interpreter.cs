using System.Text.Json.Nodes;
using NodaTime;
using Pathway.Workflows.ActivityModel;
using Pathway.Workflows.Definitions;

namespace Pathway.Workflows.Runtime;

/// <summary>
/// The one place where files advance. Applies one stimulus to a file's state and runs every token it
/// releases until each token waits or is consumed, recording journal lines and effects on the way.
/// Pure: no I/O. The caller commits the result in one transaction (see docs/engine.md for the semantics).
/// </summary>
/// <param name="unitsPerStimulus">The <see cref="StepBudget"/> of each stimulus; tests lower it to reach it quickly.</param>
public sealed class Interpreter(IClock clock, int unitsPerStimulus = StepBudget.UnitsPerStimulus)
{
    /// <summary>The clock of journal times and deadlines; the store stamps its columns with it too.</summary>
    public IClock Clock => clock;

    private int UnitsPerStimulus => unitsPerStimulus;

    /// <summary>Deadlines and dates are counted in French legal time.</summary>
    public static DateTimeZone Paris { get; } = DateTimeZoneProviders.Tzdb["Europe/Paris"];

    /// <summary>The calendar activities count deadlines on (the deployment's territory); metropolitan France by default.</summary>
    public DeploymentCalendar Calendar { get; init; } = DeploymentCalendar.Metropole;

    /// <summary>Opens a new file on <paramref name="definition"/>.</summary>
    /// <exception cref="StimulusRejectedException">An initial variable is undeclared.</exception>
    public StepResult Start(ExecutableDefinition definition, string fileId, StartFile stimulus)
    {
        var state = new FileState
        {
            FileId = fileId,
            DefinitionId = definition.Definition.Id,
            Version = definition.Definition.Version,
        };
        var declared = definition.Variables;
        foreach (var variable in definition.Definition.Variables)
            state.Variables[variable.Name] = variable.Default?.DeepClone();
        foreach (var (name, value) in stimulus.Variables ?? new Dictionary<string, JsonNode?>())
        {
            if (!declared.TryGetValue(name, out var variable))
                throw new StimulusRejectedException($"Variable '{name}' is not declared by {state.DefinitionId} v{state.Version}.");
            if (VariableValues.Problem(variable, value) is { } problem)
                throw new StimulusRejectedException(problem);
            state.Variables[name] = value?.DeepClone();
        }

        var run = new Run(this, definition, state, stimulus, clock.GetCurrentInstant());
        run.Journal(JournalKinds.StimulusReceived, data: new JsonObject { ["kind"] = stimulus.Kind });
        run.Journal(JournalKinds.FileStarted, data: new JsonObject { ["definitionId"] = state.DefinitionId, ["version"] = state.Version });
        run.Enqueue(new Token { Id = state.NextId("t"), ActivityId = definition.Start.Id });
        return run.Finish();
    }

    /// <summary>Applies a stimulus to a running file. <paramref name="state"/> is not modified.</summary>
    public StepResult Apply(ExecutableDefinition definition, FileState state, Stimulus stimulus)
    {
        if (stimulus is StartFile)
            throw new ArgumentException("A file is started with Start, not Apply.", nameof(stimulus));
        var now = clock.GetCurrentInstant();
        if (state.Status != FileStatus.Running)
            return Ignore(state, stimulus, now, $"the file is {state.Status.ToString().ToLowerInvariant()}");

        var run = new Run(this, definition, state.Clone(), stimulus, now, before: state);
        string? acted;
        try
        {
            acted = stimulus switch
            {
                ResumeBookmark resume => run.Resume(resume),
                RaiseEvent raised => run.RaiseEvent(raised),
                CancelActivity cancel => run.CancelActivity(cancel),
                CancelFile cancel => run.CancelFile(cancel),
                _ => throw new ArgumentException($"Unknown stimulus {stimulus.GetType().Name}.", nameof(stimulus)),
            };
        }
        catch (FileFaultException fault)
        {
            // The resumed or withdrawn activity failed (or spent the budget): faulted like any other activity.
            return run.Faulted(fault);
        }

        return acted is { } reason ? Ignore(state, stimulus, now, reason) : run.Finish();
    }

    private static StepResult Ignore(FileState state, Stimulus stimulus, Instant now, string reason) =>
        new(state,
            [new JournalEntry
            {
                At = now, Actor = stimulus.Actor, StimulusId = stimulus.Id, Kind = JournalKinds.StimulusReceived,
                Data = new JsonObject { ["kind"] = stimulus.Kind, ["ignored"] = reason },
            }],
            [],
            reason);

    /// <summary>The work of one stimulus on one file.</summary>
    private sealed class Run : ActivityContext
    {
        private readonly Interpreter _interpreter;
        private readonly ExecutableDefinition _definition;
        private readonly FileState _state;
        private readonly Stimulus _stimulus;
        private readonly Instant _now;
        private readonly Queue<Token> _ready = new();
        private readonly List<JournalEntry> _journal = [];
        private readonly List<Effect> _effects = [];
        private readonly List<ActivityRecord> _records = [];
        private ExecutableNode? _current;
        private Token? _currentToken;

        /// <summary>The bookmark being resumed, which the activity may ask to keep (<see cref="Park"/>).</summary>
        private Bookmark? _resumed;

        /// <summary>What this stimulus may still spend; it guards against a definition looping without waiting.</summary>
        private readonly StepBudget _budget;

        /// <summary>The caller's state before the stimulus (left untouched), or null when starting.</summary>
        private readonly FileState? _before;

        /// <summary>When starting, the variables the file starts with, which a fault leaves it with.</summary>
        private readonly Dictionary<string, JsonNode?>? _initialVariables;

        public Run(Interpreter interpreter, ExecutableDefinition definition, FileState state, Stimulus stimulus, Instant now,
            FileState? before = null)
        {
            _before = before;
            // A variable is replaced when set, never changed in place: a shallow copy keeps the initial values.
            if (before is null) _initialVariables = new Dictionary<string, JsonNode?>(state.Variables, StringComparer.Ordinal);
            _interpreter = interpreter;
            _definition = definition;
            _state = state;
            _stimulus = stimulus;
            _now = now;
            _budget = new StepBudget(interpreter.UnitsPerStimulus);
        }

        // ---- stimuli -------------------------------------------------------------------------------------

        /// <returns>Null when applied; otherwise why nothing happened.</returns>
        public string? Resume(ResumeBookmark resume)
        {
            var token = _state.Tokens.FirstOrDefault(t => t.Bookmarks.Any(b => b.Id == resume.BookmarkId));
            if (token is null) return "no activity waits on this bookmark any more";
            // The answer itself is journaled (an extension's length and reason, a partner's outcome): the journal is
            // the file's history, and it is encrypted at rest like the state.
            Journal(JournalKinds.StimulusReceived, data: new JsonObject
            {
                ["kind"] = _stimulus.Kind, ["bookmarkId"] = resume.BookmarkId.ToString(), ["payload"] = resume.Payload?.DeepClone(),
            });
            ResumeToken(token, token.Bookmarks.First(b => b.Id == resume.BookmarkId), resume.Payload);
            return null;
        }

        public string? RaiseEvent(RaiseEvent raised)
        {
            bool Matches(Bookmark b) =>
                b.Kind == BookmarkKind.Event && b.EventName == raised.EventName && b.CorrelationKey == raised.CorrelationKey;
            var waiting = _state.Tokens.Where(t => t.Bookmarks.Any(Matches)).ToList();
            if (waiting.Count == 0) return $"no activity waits for event '{raised.EventName}'";
            Journal(JournalKinds.StimulusReceived, data: new JsonObject
            {
                ["kind"] = _stimulus.Kind, ["event"] = raised.EventName, ["payload"] = raised.Payload?.DeepClone(),
            });
            foreach (var token in waiting)
            {
                // An earlier resumption in this same event may have withdrawn this token (deferred choice).
                if (!_state.Tokens.Contains(token)) continue;
                ResumeToken(token, token.Bookmarks.First(Matches), raised.Payload);
            }

            return null;
        }

        public string? CancelActivity(CancelActivity cancel)
        {
            var waiting = _state.Tokens.Where(t => t.ActivityId == cancel.ActivityId && t.IsWaiting).ToList();
            if (waiting.Count == 0) return $"activity '{cancel.ActivityId}' is not waiting";
            Journal(JournalKinds.StimulusReceived, data: new JsonObject { ["kind"] = _stimulus.Kind, ["reason"] = cancel.Reason });
            foreach (var token in waiting)
                Consume(token, withdrawnBecause: cancel.Reason);
            return null;
        }

        public string? CancelFile(CancelFile cancel)
        {
            Journal(JournalKinds.StimulusReceived, data: new JsonObject { ["kind"] = _stimulus.Kind, ["reason"] = cancel.Reason });
            WithdrawAll(cancel.Reason);
            _state.Status = FileStatus.Cancelled;
            Journal(JournalKinds.FileCancelled, data: new JsonObject { ["reason"] = cancel.Reason });
            return null;
        }

        // ---- the loop ------------------------------------------------------------------------------------

        public void Enqueue(Token token)
        {
            if (!_state.Tokens.Contains(token)) _state.Tokens.Add(token);
            _ready.Enqueue(token);
        }

        public StepResult Finish()
        {
            try
            {
                while (_state.Status == FileStatus.Running && _ready.TryDequeue(out var token))
                {
                    var node = _definition[token.ActivityId];
                    Journal(JournalKinds.ActivityEntered, node, token);
                    Handle(node, token, Invoke(node, token, a => a.Execute(this)));
                }
            }
            catch (FileFaultException fault)
            {
                return Faulted(fault);
            }

            if (_state.Status == FileStatus.Running && _state.Tokens.Count == 0)
            {
                _state.Status = FileStatus.Completed;
                Journal(JournalKinds.FileCompleted);
            }

            return new StepResult(_state, _journal, _effects) { WorkUnits = _budget.Spent, Records = _records };
        }

        private void ResumeToken(Token token, Bookmark bookmark, JsonObject? payload)
        {
            var node = _definition[token.ActivityId];
            var waiting = token.Bookmarks.ToList();
            token.Bookmarks.Remove(bookmark);
            Journal(JournalKinds.ActivityResumed, node, token, new JsonObject
            {
                ["bookmarkId"] = bookmark.Id.ToString(), ["kind"] = bookmark.Kind.ToString().ToLowerInvariant(), ["purpose"] = bookmark.Purpose,
            });
            _resumed = bookmark;
            try
            {
                var result = Invoke(node, token, a => a.Resume(this, new Resumption(bookmark, payload, _stimulus.Actor, waiting)));
                // The activity is done waiting: whatever else it waited for (a deadline, a reminder) goes with it.
                if (result is not ActivityResult.WaitOn) DropBookmarks(token);

                Handle(node, token, result);
            }
            finally
            {
                _resumed = null;
            }
        }

        /// <summary>Runs activity code (Execute, Resume or Withdrawn), the one place each run is charged.</summary>
        private ActivityResult Invoke(ExecutableNode node, Token token, Func<Activity, ActivityResult> call)
        {
            _current = node;
            _currentToken = token;
            try
            {
                _budget.ChargeActivityRun(_state.Tokens.Count, token.Scope.Count);
                return call(node.Activity);
            }
            catch (Exception exception) when (exception is FileFaultException or StimulusRejectedException)
            {
                throw;
            }
            catch (StepBudgetExceededException exceeded)
            {
                throw new FileFaultException(exceeded.Message, node.Id);
            }
            catch (Exception exception)
            {
                // The exception message may quote file data; keep only its type for the journal and logs.
                throw new FileFaultException($"activity '{node.Id}' failed ({exception.GetType().Name})", node.Id);
            }
            finally
            {
                _current = null;
                _currentToken = null;
            }
        }

        private void Handle(ExecutableNode node, Token token, ActivityResult result)
        {
            switch (result)
            {
                case ActivityResult.TakeOutcome take:
                    Complete(node, token, take.Name);
                    token.ActivityId = NextOf(node, take.Name);
                    Enqueue(token);
                    break;

                case ActivityResult.SplitTokens split:
                    Journal(JournalKinds.ActivityCompleted, node, token, new JsonObject { ["outcomes"] = ToArray(split.Outcomes) });
                    DecideRace(token);
                    Split(node, token, split);
                    break;

                case ActivityResult.JoinTokens join:
                    Arrive(node, token, join);
                    break;

                case ActivityResult.WaitOn wait:
                    Park(node, token, wait);
                    break;

                case ActivityResult.EndToken end:
                    Journal(JournalKinds.ActivityCompleted, node, token);
                    DecideRace(token);
                    if (end.TerminateFile)
                    {
                        _state.Tokens.Remove(token);
                        WithdrawAll($"file closed by '{node.Id}'");
                    }
                    else
                    {
                        Consume(token, withdrawnBecause: null);
                    }
                    break;

                default:
                    throw new FileFaultException($"activity '{node.Id}' returned an unknown result", node.Id);
            }
        }

        private void Complete(ExecutableNode node, Token token, string outcome)
        {
            Journal(JournalKinds.ActivityCompleted, node, token, new JsonObject { ["outcome"] = outcome });
            DecideRace(token);
        }

        private static string NextOf(ExecutableNode node, string outcome) =>
            node.Next.TryGetValue(outcome, out var target)
                ? target
                : throw new FileFaultException($"outcome '{outcome}' of activity '{node.Id}' is not connected", node.Id);

        // ---- splits, joins and deferred choices ---------------------------------------------------------

        private void Split(ExecutableNode node, Token token, ActivityResult.SplitTokens split)
        {
            _state.Tokens.Remove(token);
            if (split.Outcomes.Count == 0)
            {
                ScopeShrunk(token.Scope, token.Scope.Count - 1);
                return;
            }

            var activation = new SplitActivation
            {
                Id = _state.NextId("a"), SplitActivityId = node.Id, Race = split.IsRace, Alive = split.Outcomes.Count,
                Parent = token.Scope.LastOrDefault(),
            };
            _state.Activations[activation.Id] = activation;
            var frame = new Frame(node.Id, activation.Id);
            var branches = new JsonArray();
            foreach (var outcome in split.Outcomes)
            {
                var branch = new Token { Id = _state.NextId("t"), ActivityId = NextOf(node, outcome), Scope = [.. token.Scope, frame] };
                branches.Add(branch.Id);
                Enqueue(branch);
            }

            Journal(JournalKinds.BranchesSplit, node, token, new JsonObject { ["activation"] = activation.Id, ["tokens"] = branches, ["race"] = split.IsRace });
        }

        private void Arrive(ExecutableNode node, Token token, ActivityResult.JoinTokens join)
        {
            var depth = token.Scope.FindLastIndex(f => f.SplitActivityId == join.SplitActivityId);
            if (depth < 0 || depth != token.Scope.Count - 1)
                throw new FileFaultException($"join '{node.Id}' was reached by a branch that its split '{join.SplitActivityId}' did not start", node.Id);

            var activation = _state.Activations[token.Scope[depth].ActivationId];
            activation.JoinActivityId ??= node.Id;
            activation.Alive--;
            activation.Arrived++;
            _state.Tokens.Remove(token);
            Journal(JournalKinds.JoinArrived, node, token, new JsonObject { ["activation"] = activation.Id, ["arrived"] = activation.Arrived, ["alive"] = activation.Alive });

            if (join.Mode == JoinMode.First && !activation.Fired)
            {
                activation.Fired = true;
                if (join.CancelRemaining)
                {
                    WithdrawScope(activation.Id, $"join '{node.Id}' went on with the first branch");
                    activation.Alive = 0;
                }

                Fire(node, token.Scope, depth);
            }
            else if (join.Mode == JoinMode.All && activation.Alive == 0)
            {
                activation.Fired = true;
                Fire(node, token.Scope, depth);
            }

            if (activation.Alive == 0) _state.Activations.Remove(activation.Id);
        }

        /// <summary>The join lets one token through, outside the scope it closes.</summary>
        private void Fire(ExecutableNode join, List<Frame> scope, int depth)
        {
            var token = new Token { Id = _state.NextId("t"), ActivityId = join.Id, Scope = scope.GetRange(0, depth) };
            Journal(JournalKinds.ActivityCompleted, join, token, new JsonObject { ["outcome"] = Outcomes.Done });
            token.ActivityId = NextOf(join, Outcomes.Done);
            Enqueue(token);
        }

        /// <summary>A branch left its scope without reaching the join (ended, or was withdrawn).</summary>
        private void ScopeShrunk(List<Frame> scope, int depth)
        {
            if (depth < 0) return;
            if (!_state.Activations.TryGetValue(scope[depth].ActivationId, out var activation)) return;
            activation.Alive--;
            if (activation.Alive > 0) return;

            _state.Activations.Remove(activation.Id);
            if (activation.Arrived > 0 && !activation.Fired && activation.JoinActivityId is { } joinId)
                Fire(_definition[joinId], scope, depth);
            else if (activation.Arrived == 0)
                ScopeShrunk(scope, depth - 1);
        }

        /// <summary>In a deferred choice, the first branch to complete an activity wins; the others go.</summary>
        private void DecideRace(Token token)
        {
            for (var depth = token.Scope.Count - 1; depth >= 0; depth--)
            {
                var frame = token.Scope[depth];
                if (!_state.Activations.TryGetValue(frame.ActivationId, out var activation) || !activation.Race) continue;
                WithdrawScope(activation.Id, $"another branch of '{activation.SplitActivityId}' happened first", except: token);
                _state.Activations.Remove(activation.Id);
                token.Scope.RemoveRange(depth, token.Scope.Count - depth);
                return;
            }
        }

        private void WithdrawScope(string activationId, string reason, Token? except = null)
        {
            foreach (var other in _state.Tokens.Where(t => t != except && t.Scope.Any(f => f.ActivationId == activationId)).ToList())
                Withdraw(other, reason);
            var nested = _state.Activations.Values.Where(a => IsInside(a, activationId)).Select(a => a.Id).ToList();
            foreach (var id in nested) _state.Activations.Remove(id);
        }

        private bool IsInside(SplitActivation activation, string ancestorId)
        {
            for (var parent = activation.Parent; parent is not null;
                 parent = _state.Activations.GetValueOrDefault(parent.ActivationId)?.Parent)
            {
                if (parent.ActivationId == ancestorId) return true;
            }

            return false;
        }

        private void WithdrawAll(string reason)
        {
            foreach (var token in _state.Tokens.ToList()) Withdraw(token, reason);
            _state.Activations.Clear();
        }

        // ---- tokens leaving -----------------------------------------------------------------------------

        /// <summary>A token leaves the file; its scope is told so joins do not wait for it.</summary>
        private void Consume(Token token, string? withdrawnBecause)
        {
            if (withdrawnBecause is null) Remove(token);
            else Withdraw(token, withdrawnBecause);
            ScopeShrunk(token.Scope, token.Scope.Count - 1);
        }

        private void Withdraw(Token token, string reason)
        {
            var node = _definition[token.ActivityId];
            Journal(JournalKinds.ActivityWithdrawn, node, token, new JsonObject { ["reason"] = reason });
            if (token.IsWaiting)
            {
                var waiting = token.Bookmarks.ToList();
                Invoke(node, token, a =>
                {
                    a.Withdrawn(this, waiting, reason);
                    return ActivityResult.End();
                });
            }

            Remove(token);
        }

        private void Remove(Token token)
        {
            _state.Tokens.Remove(token);
            DropBookmarks(token);
            if (_ready.Contains(token))
            {
                var keep = _ready.Where(t => t != token).ToList();
                _ready.Clear();
                foreach (var t in keep) _ready.Enqueue(t);
            }
        }

        // ---- waiting ------------------------------------------------------------------------------------

        private void Park(ExecutableNode node, Token token, ActivityResult.WaitOn wait)
        {
            // What the token had, the bookmark being resumed included: a request naming one of them keeps it.
            var previous = token.Bookmarks.ToList();
            if (_resumed is not null && _currentToken == token) previous.Add(_resumed);
            var kept = new HashSet<Guid>();
            token.Bookmarks.Clear();

            var added = new JsonArray();
            foreach (var request in wait.Bookmarks)
            {
                var existing = request.Id is { } wanted ? previous.FirstOrDefault(b => b.Id == wanted) : null;
                if (existing is not null) kept.Add(existing.Id);

                var bookmark = new Bookmark
                {
                    Id = request.Id ?? NewId(),
                    Kind = request.Kind,
                    ActivityId = node.Id,
                    Addressee = request.Addressee,
                    Outcome = request.Outcome,
                    DueAt = request.DueAt,
                    EventName = request.EventName,
                    CorrelationKey = request.CorrelationKey,
                    Purpose = request.Purpose,
                    Data = request.Data?.DeepClone().AsObject(),
                    CreatedAt = existing?.CreatedAt ?? _now,
                };
                token.Bookmarks.Add(bookmark);
                added.Add(new JsonObject
                {
                    ["bookmarkId"] = bookmark.Id.ToString(), ["kind"] = bookmark.Kind.ToString().ToLowerInvariant(),
                    ["purpose"] = bookmark.Purpose, ["dueAt"] = bookmark.DueAt?.ToString(), ["kept"] = existing is not null ? true : null,
                });
                if (existing?.DueAt is not null && existing.DueAt != bookmark.DueAt) CancelTimer(existing, token);
                if (bookmark.DueAt is { } due && existing?.DueAt != due)
                    Emit(new Effect
                    {
                        MessageId = NewId(), Kind = EffectKinds.ScheduleTimer, DueAt = due,
                        Payload = new JsonObject { ["fileId"] = _state.FileId, ["bookmarkId"] = bookmark.Id.ToString() },
                    }, node, token);
            }

            // The resumed bookmark's timer (if it was one) has fired: nothing to cancel.
            foreach (var old in previous.Where(b => !kept.Contains(b.Id) && b != _resumed)) CancelTimer(old, token);

            if (token.Bookmarks.Count == 0)
                throw new FileFaultException($"activity '{node.Id}' asked to wait on nothing", node.Id);
            Journal(JournalKinds.ActivityWaiting, node, token, new JsonObject { ["bookmarks"] = added });
        }

        private void DropBookmarks(Token token)
        {
            foreach (var bookmark in token.Bookmarks) CancelTimer(bookmark, token);
            token.Bookmarks.Clear();
        }

        private void CancelTimer(Bookmark bookmark, Token token)
        {
            if (bookmark.DueAt is null) return;
            Emit(new Effect
            {
                MessageId = NewId(), Kind = EffectKinds.CancelTimer, DueAt = bookmark.DueAt,
                Payload = new JsonObject { ["fileId"] = _state.FileId, ["bookmarkId"] = bookmark.Id.ToString() },
            }, _definition[bookmark.ActivityId], token);
        }

        // ---- faults and journal -------------------------------------------------------------------------

        public StepResult Faulted(FileFaultException fault)
        {
            var (reason, activityId) = (fault.Message, fault.ActivityId);
            // Nothing of the failed step is kept: the file stays as it was before the stimulus, marked faulted,
            // for the coordinator to see. A file that faults while starting keeps its initial variables and no token.
            _journal.RemoveAll(e => e.Kind is not (JournalKinds.StimulusReceived or JournalKinds.FileStarted));
            _effects.Clear();
            _records.Clear();
            var state = _before?.Clone() ?? _state;
            if (_initialVariables is not null)
            {
                state.Tokens.Clear();
                state.Activations.Clear();
                state.Variables.Clear();
                foreach (var (name, value) in _initialVariables) state.Variables[name] = value;
            }

            state.Status = FileStatus.Faulted;
            state.Fault = reason;
            _journal.Add(new JournalEntry
            {
                At = _now, Actor = _stimulus.Actor, StimulusId = _stimulus.Id, Kind = JournalKinds.FileFaulted,
                ActivityId = activityId, Data = new JsonObject { ["reason"] = reason },
            });
            return new StepResult(state, _journal, []) { WorkUnits = _budget.Spent };
        }

        public void Journal(string kind, ExecutableNode? node = null, Token? token = null, JsonObject? data = null) =>
            _journal.Add(new JournalEntry
            {
                At = _now, Actor = _stimulus.Actor, Kind = kind, StimulusId = _stimulus.Id,
                ActivityId = node?.Id, TokenId = token?.Id, Data = data,
            });

        private static JsonArray ToArray(IEnumerable<string> values) => new(values.Select(v => (JsonNode?)v).ToArray());

        // ---- ActivityContext ----------------------------------------------------------------------------

        public override string FileId => _state.FileId;

        public override Definitions.ActivityNode Node =>
            (_current ?? throw new InvalidOperationException("No activity is running.")).Node;

        public override Instant Now => _now;

        public override Guid NewId() => Guid.CreateVersion7(_now.ToDateTimeOffset());

        public override DeploymentCalendar Calendar => _interpreter.Calendar;

        public override string Actor => _stimulus.Actor;

        public override JsonNode? GetVariable(string name) =>
            _state.Variables.TryGetValue(name, out var value) ? value : throw new FileFaultException($"variable '{name}' is not declared", _current?.Id);

        public override void SetVariable(string name, JsonNode? value)
        {
            if (!_definition.Variables.TryGetValue(name, out var variable))
                throw new FileFaultException($"variable '{name}' is not declared", _current?.Id);
            if (VariableValues.Problem(variable, value) is { } problem)
                throw new FileFaultException($"activity '{_current?.Id}' set a value of the wrong type: {problem}", _current?.Id);
            _state.Variables[name] = value;
            Journal(JournalKinds.VariableChanged, _current, _currentToken, new JsonObject { ["variable"] = name, ["value"] = value?.DeepClone() });
        }

        public override void SetVariableFromStimulus(string name, string field, JsonNode? value)
        {
            if (_definition.Variables.TryGetValue(name, out var variable) && VariableValues.Problem(variable, value) is { } problem)
                throw new StimulusRejectedException($"Field '{field}' does not fit variable '{name}': {problem}");
            SetVariable(name, value);
        }

        // "today" is the stimulus's local date on the deployment's calendar, so a replay decides the same way; "working-day"
        // counts on that calendar too.
        public override JsonNode? Evaluate(JsonNode? expression) =>
            Conditions.JsonLogic.Evaluate(expression, name => _state.Variables.GetValueOrDefault(name), _budget, _now.InZone(Zone).Date, Calendar);

        public override bool IsTrue(JsonNode? condition) => Conditions.JsonLogic.IsTruthy(Evaluate(condition));

        public override void Emit(Effect effect) => Emit(effect, _current, _currentToken);

        public override void Record(ActivityRecord record) =>
            _records.Add(record with
            {
                ActivityId = (_current ?? throw new InvalidOperationException("No activity is running.")).Id, At = _now, Actor = _stimulus.Actor,
            });

        /// <summary>Timers set or cancelled by the engine itself are journaled on the activity they belong to.</summary>
        private void Emit(Effect effect, ExecutableNode? node, Token? token)
        {
            _effects.Add(effect);
            Journal(JournalKinds.EffectEmitted, node, token, new JsonObject
            {
                ["messageId"] = effect.MessageId.ToString(), ["kind"] = effect.Kind, ["destination"] = effect.Destination,
            });
        }
    }
}

/// <summary>A stimulus that cannot be applied as given (e.g. an undeclared variable); nothing is recorded.</summary>
public sealed class StimulusRejectedException(string message) : Exception(message);

/// <summary>A step that cannot complete; the file is marked faulted. The message is safe for logs.</summary>
internal sealed class FileFaultException(string message, string? activityId = null) : Exception(message)
{
    public string? ActivityId { get; } = activityId;
}
