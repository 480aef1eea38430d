namespace VMessPlugins.Abstractions.Policy;

/// <summary>Gives the policy of a user level.</summary>
public interface IPolicyProvider
{
    /// <summary>The policy of <paramref name="level"/>; unlisted levels get the defaults.</summary>
    ConnectionPolicy GetPolicy(uint level);
}
