using TeamsLearningBot.Protocol.Activities;

namespace TeamsLearningBot.Protocol.Routing;

/// <summary>One row of the routing table: a unique name, which activities it takes, and who handles them.</summary>
public sealed record ActivityRoute(string Name, Func<Activity, bool> Selector, Type HandlerType);
