using System.Reflection;
using McMaster.NETCore.Plugins;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using VMessPlugins.Abstractions.Configuration;
using VMessPlugins.Abstractions.Plugins;

namespace VMessPlugins.Host.Plugins;

/// <summary>Loads each enabled plugin into its own load context and lets it register its services.</summary>
internal static class PluginActivator
{
    // Types the host and every plugin must see as the same type (the contracts and what they mention).
    private static readonly Type[] s_sharedTypes =
    [
        typeof(IPlugin), typeof(IServiceCollection), typeof(ILoggerFactory), typeof(ILogger),
        typeof(IConfiguration), typeof(TimeProvider),
    ];

    /// <param name="plugins">The discovered plugins; the enabled ones are loaded.</param>
    /// <param name="services">Where the plugins register.</param>
    /// <param name="diagnostics">Where problems go.</param>
    /// <param name="loaded">
    /// Plugins already loaded by this process, by assembly path: they are asked to register again instead
    /// of being loaded a second time (a live reload); newly loaded ones are added.
    /// </param>
    public static PluginRegistrations LoadAll(
        IReadOnlyList<DiscoveredPlugin> plugins, IServiceCollection services, ConfigDiagnostics diagnostics, IDictionary<string, IPlugin>? loaded = null)
    {
        var registrations = new PluginRegistrations();
        foreach (var plugin in plugins)
        {
            if (plugin.State != PluginState.Enabled)
            {
                continue;
            }

            if (plugin.Problem is not null || plugin.AssemblyPath is null)
            {
                diagnostics.Error(null, plugin.AssemblyPath ?? plugin.Folder, $"plugin \"{plugin.Name}\" is refused: {plugin.Problem}");
                continue;
            }

            if (loaded is null || !loaded.TryGetValue(plugin.AssemblyPath, out var entry))
            {
                entry = CreateEntry(plugin, diagnostics);
                if (entry is not null && loaded is not null)
                {
                    loaded[plugin.AssemblyPath] = entry;
                }
            }

            if (entry is not null && Configure(plugin, entry, services, diagnostics) is { } added)
            {
                plugin.Loaded = true;
                registrations.Record(plugin, added);
            }
        }

        return registrations;
    }

    private static IPlugin? CreateEntry(DiscoveredPlugin plugin, ConfigDiagnostics diagnostics)
    {
        var path = plugin.AssemblyPath!;
        try
        {
            var loader = PluginLoader.CreateFromAssemblyFile(path, s_sharedTypes, config => config.PreferSharedTypes = true);
            var types = FindPluginTypes(loader.LoadDefaultAssembly());
            if (types.Count != 1)
            {
                var reason = types.Count == 0
                    ? "it has no public class implementing IPlugin"
                    : $"it has {types.Count} classes implementing IPlugin ({string.Join(", ", types.Select(t => t.FullName))}); exactly one is allowed";
                diagnostics.Error(null, path, $"plugin \"{plugin.Name}\" is refused: {reason}");
                return null;
            }

            return (IPlugin)Activator.CreateInstance(types[0])!;
        }
        catch (Exception ex)
        {
            diagnostics.Error(null, path, $"plugin \"{plugin.Name}\" failed to load: {Describe(ex)}");
            return null;
        }
    }

    private static List<ServiceDescriptor>? Configure(DiscoveredPlugin plugin, IPlugin entry, IServiceCollection services, ConfigDiagnostics diagnostics)
    {
        var before = new HashSet<ServiceDescriptor>(services, ReferenceEqualityComparer.Instance);
        try
        {
            entry.ConfigureServices(services, new PluginContext(plugin.Name, plugin.Folder, plugin.Features));
            return services.Where(d => !before.Contains(d)).ToList();
        }
        catch (Exception ex)
        {
            // Undo a half-done registration so the rest of the host still works.
            foreach (var added in services.Where(d => !before.Contains(d)).ToList())
            {
                services.Remove(added);
            }

            diagnostics.Error(null, plugin.AssemblyPath ?? "", $"plugin \"{plugin.Name}\" failed in ConfigureServices: {Describe(ex)}");
            return null;
        }
    }

    private static List<Type> FindPluginTypes(Assembly assembly)
    {
        Type?[] types;
        try
        {
            types = assembly.GetTypes();
        }
        catch (ReflectionTypeLoadException ex)
        {
            var cause = ex.LoaderExceptions.FirstOrDefault(e => e is not null);
            throw cause ?? ex;
        }

        return types
            .Where(t => t is { IsClass: true, IsAbstract: false } && (t.IsPublic || t.IsNestedPublic) && typeof(IPlugin).IsAssignableFrom(t))
            .Select(t => t!)
            .ToList();
    }

    /// <summary>The reason without a stack trace; wrappers from reflection are peeled off.</summary>
    internal static string Describe(Exception exception)
    {
        while (exception is TargetInvocationException { InnerException: { } inner })
        {
            exception = inner;
        }

        return exception switch
        {
            FileNotFoundException notFound => $"a dependency is missing: {notFound.Message}",
            FileLoadException load => $"a dependency could not be loaded: {load.Message}",
            BadImageFormatException bad => $"not a valid .NET assembly: {bad.Message}",
            _ => $"{exception.GetType().Name}: {exception.Message}",
        };
    }
}
