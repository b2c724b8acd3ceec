using System.Text.Json;
using System.Text.Json.Serialization;

namespace CoPLive.Cluster.Tests;

/// <summary>The JSON settings of the REST API, as a client reads it.</summary>
public static class Json
{
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.KebabCaseLower) },
    };
}
