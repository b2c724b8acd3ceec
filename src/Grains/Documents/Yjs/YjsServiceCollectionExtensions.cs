using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CoPLive.Documents.Yjs;

/// <summary>Registration of the server's Yjs engine.</summary>
public static class YjsServiceCollectionExtensions
{
    /// <summary>
    /// Registers <see cref="IYjsEngine"/> as a singleton <see cref="V8YjsEngine"/>: up to one V8 engine per processor,
    /// started on first use and disposed with the container; each live engine keeps
    /// <see cref="DocumentOptions.MaxLiveDocuments"/> documents live (if the options are registered).
    /// </summary>
    public static IServiceCollection AddYjsEngine(this IServiceCollection services)
    {
        services.TryAddSingleton(provider => new V8YjsEngine(
            provider.GetRequiredService<ILogger<V8YjsEngine>>(),
            maxLiveDocuments: provider.GetService<IOptions<DocumentOptions>>()?.Value.MaxLiveDocuments));
        services.TryAddSingleton<IYjsEngine>(provider => provider.GetRequiredService<V8YjsEngine>());
        return services;
    }
}
