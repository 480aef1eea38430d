using System.Text;

namespace VMessPlugins.Abstractions.Configuration;

/// <summary>Turns <c>IConfiguration</c> paths (<c>inbounds:0:settings</c>) into JSON paths (<c>inbounds[0].settings</c>).</summary>
public static class JsonPath
{
    /// <summary>Converts a configuration path; numeric segments become indexes.</summary>
    public static string FromConfigurationPath(string path)
    {
        if (path.Length == 0)
        {
            return path;
        }

        var builder = new StringBuilder(path.Length + 8);
        foreach (var segment in path.Split(':'))
        {
            if (segment.Length > 0 && segment.All(char.IsAsciiDigit) && builder.Length > 0)
            {
                builder.Append('[').Append(segment).Append(']');
            }
            else
            {
                if (builder.Length > 0)
                {
                    builder.Append('.');
                }

                builder.Append(segment);
            }
        }

        return builder.ToString();
    }
}
