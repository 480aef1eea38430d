using Microsoft.Extensions.DependencyInjection;
using VMessPlugins.Host.Plugins;

namespace VMessPlugins.Host.Runtime;

/// <summary>The service collection after every plugin registered, with who registered what.</summary>
internal sealed record PluginServices(IServiceCollection Collection, PluginRegistrations Registrations);
