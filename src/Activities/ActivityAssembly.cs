namespace Pathway.Activities;

/// <summary>Handle on this assembly, for building the activity catalogue.</summary>
public static class ActivityAssembly
{
    public static System.Reflection.Assembly Instance => typeof(ActivityAssembly).Assembly;
}
