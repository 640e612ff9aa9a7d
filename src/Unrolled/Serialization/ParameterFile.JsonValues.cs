using System.Numerics;
using System.Text.Json;

namespace Unrolled;

// The JSON form's readers of single values: numbers (with "NaN" and the infinities), arrays of a length, required and
// optional properties, enum names, each failing with the JSON path of what is wrong.
public static partial class ParameterFile
{
    private static double OptionalNumber(JsonElement parent, string name, string path, double fallback)
    {
        if (!parent.TryGetProperty(name, out JsonElement element))
        {
            return fallback;
        }

        return element.ValueKind == JsonValueKind.Number && element.TryGetDouble(out double value)
            ? value
            : throw Invalid($"{path}.{name} is {element.GetRawText()}, expected a number.");
    }

    private static T ReadJsonValue<T>(JsonElement item, string path)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (item.ValueKind == JsonValueKind.Number)
        {
            if (typeof(T) == typeof(float))
            {
                if (item.TryGetSingle(out float single) && float.IsFinite(single))
                {
                    return T.CreateTruncating(single);
                }
            }
            else if (item.TryGetDouble(out double number) && double.IsFinite(number))
            {
                return T.CreateTruncating(number);
            }

            throw Invalid($"{path} is {item.GetRawText()}, which is out of range for {(typeof(T) == typeof(float) ? "float32" : "float64")}.");
        }

        if (item.ValueKind == JsonValueKind.String)
        {
            switch (item.GetString())
            {
                case "NaN":
                    return T.NaN;
                case "Infinity":
                    return T.PositiveInfinity;
                case "-Infinity":
                    return T.NegativeInfinity;
            }
        }

        throw Invalid($"{path} is {item.GetRawText()}, expected a number (or \"NaN\", \"Infinity\", \"-Infinity\").");
    }

    private static void CheckArray(JsonElement array, int expected, string path, string what)
    {
        if (array.ValueKind != JsonValueKind.Array)
        {
            throw Invalid($"{path} must be an array, but it is {Kind(array)}.");
        }

        int length = array.GetArrayLength();
        if (length != expected)
        {
            throw Invalid($"{path} has {length} entries, expected {what}.");
        }
    }

    private static JsonElement Required(JsonElement parent, string name, string path) =>
        parent.TryGetProperty(name, out JsonElement value) ? value : throw Invalid($"{path} has no \"{name}\" property.");

    private static string RequiredString(JsonElement parent, string name, string path) =>
        StringOf(Required(parent, name, path), $"{path}.{name}");

    private static string StringOf(JsonElement element, string path) =>
        element.ValueKind == JsonValueKind.String ? element.GetString()! : throw Invalid($"{path} is {element.GetRawText()}, expected a string.");

    private static int RequiredInt32(JsonElement parent, string name, string path)
    {
        JsonElement element = Required(parent, name, path);
        return element.ValueKind == JsonValueKind.Number && element.TryGetInt32(out int value)
            ? value
            : throw Invalid($"{path}.{name} is {element.GetRawText()}, expected an integer.");
    }

    private static TEnum ParseEnum<TEnum>(string text, string path)
        where TEnum : struct, Enum
    {
        foreach (TEnum value in Enum.GetValues<TEnum>())
        {
            if (value.ToString() == text)
            {
                return value;
            }
        }

        throw Invalid($"{path} is \"{text}\", which is not one of {string.Join(", ", Enum.GetNames<TEnum>())}.");
    }

    private static string Kind(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.Object => "an object",
        JsonValueKind.Array => "an array",
        JsonValueKind.String => "a string",
        JsonValueKind.Number => "a number",
        JsonValueKind.True or JsonValueKind.False => "a boolean",
        _ => "null",
    };
}
