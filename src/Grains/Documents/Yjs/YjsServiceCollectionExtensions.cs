using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace CoPLive.Documents.Yjs;

/// <summary>Registration of the server's Yjs engine.</summary>
public static class YjsServiceCollectionExtensions
{
    /// <summary>
    /// Registers <see cref="IYjsEngine"/> as a singleton <see cref="V8YjsEngine"/>: up to one V8 engine per processor,
    /// started on first use and disposed with the container.
    /// </summary>
    public static IServiceCollection AddYjsEngine(this IServiceCollection services)
    {
        services.TryAddSingleton<V8YjsEngine>();
        services.TryAddSingleton<IYjsEngine>(provider => provider.GetRequiredService<V8YjsEngine>());
        return services;
    }
}
