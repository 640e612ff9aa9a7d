using System.Globalization;
using System.Text;

namespace Unrolled.Samples;

/// <summary>
/// Builds a standalone SVG document by plain string building. Every number is written with the invariant culture, so
/// the same plot gives the same bytes on any machine.
/// </summary>
internal sealed class SvgWriter
{
    private readonly StringBuilder _text = new();

    public SvgWriter(double width, double height)
    {
        _text.Append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n")
            .Append("<svg xmlns=\"http://www.w3.org/2000/svg\" version=\"1.1\"")
            .Append(" width=\"").Append(F(width)).Append("\" height=\"").Append(F(height)).Append('"')
            .Append(" viewBox=\"0 0 ").Append(F(width)).Append(' ').Append(F(height)).Append('"')
            .Append(" font-family=\"Segoe UI, Helvetica, Arial, sans-serif\" font-size=\"12\">\n");
        Rect(0, 0, width, height, "#ffffff");
    }

    /// <summary>Formats a coordinate: invariant culture, at most two decimals.</summary>
    public static string F(double value)
    {
        double rounded = Math.Round(value, 2);
        return (rounded == 0 ? 0 : rounded).ToString("0.##", CultureInfo.InvariantCulture);
    }

    public static string Escape(string text) =>
        text.Replace("&", "&amp;", StringComparison.Ordinal)
            .Replace("<", "&lt;", StringComparison.Ordinal)
            .Replace(">", "&gt;", StringComparison.Ordinal)
            .Replace("\"", "&quot;", StringComparison.Ordinal);

    public void Raw(string markup) => _text.Append(markup).Append('\n');

    public void Rect(double x, double y, double width, double height, string fill, string? stroke = null, double strokeWidth = 1, string? extra = null)
    {
        _text.Append("<rect x=\"").Append(F(x)).Append("\" y=\"").Append(F(y))
            .Append("\" width=\"").Append(F(width)).Append("\" height=\"").Append(F(height))
            .Append("\" fill=\"").Append(fill).Append('"');
        AppendStroke(stroke, strokeWidth);
        AppendExtra(extra);
        _text.Append("/>\n");
    }

    public void Line(double x1, double y1, double x2, double y2, string stroke, double strokeWidth = 1, string? extra = null)
    {
        _text.Append("<line x1=\"").Append(F(x1)).Append("\" y1=\"").Append(F(y1))
            .Append("\" x2=\"").Append(F(x2)).Append("\" y2=\"").Append(F(y2)).Append('"');
        AppendStroke(stroke, strokeWidth);
        AppendExtra(extra);
        _text.Append("/>\n");
    }

    public void Circle(double cx, double cy, double r, string fill, string? stroke = null, double strokeWidth = 1)
    {
        _text.Append("<circle cx=\"").Append(F(cx)).Append("\" cy=\"").Append(F(cy)).Append("\" r=\"").Append(F(r))
            .Append("\" fill=\"").Append(fill).Append('"');
        AppendStroke(stroke, strokeWidth);
        _text.Append("/>\n");
    }

    public void Polyline(IReadOnlyList<(double X, double Y)> points, string stroke, double strokeWidth = 1.5, string? dash = null)
    {
        if (points.Count == 0)
        {
            return;
        }

        _text.Append("<polyline fill=\"none\" stroke-linejoin=\"round\" points=\"");
        for (int i = 0; i < points.Count; i++)
        {
            if (i > 0)
            {
                _text.Append(' ');
            }

            _text.Append(F(points[i].X)).Append(',').Append(F(points[i].Y));
        }

        _text.Append('"');
        AppendStroke(stroke, strokeWidth);
        if (dash is not null)
        {
            _text.Append(" stroke-dasharray=\"").Append(dash).Append('"');
        }

        _text.Append("/>\n");
    }

    public void Text(double x, double y, string text, double size = 12, string anchor = "start", string fill = "#222222", string? extra = null)
    {
        _text.Append("<text x=\"").Append(F(x)).Append("\" y=\"").Append(F(y)).Append('"');
        if (size != 12)
        {
            _text.Append(" font-size=\"").Append(F(size)).Append('"');
        }

        if (anchor != "start")
        {
            _text.Append(" text-anchor=\"").Append(anchor).Append('"');
        }

        _text.Append(" fill=\"").Append(fill).Append('"');
        AppendExtra(extra);
        _text.Append('>').Append(Escape(text)).Append("</text>\n");
    }

    public void BeginGroup(string attributes) => _text.Append("<g ").Append(attributes).Append(">\n");

    public void EndGroup() => _text.Append("</g>\n");

    public override string ToString() => _text.ToString() + "</svg>\n";

    private void AppendStroke(string? stroke, double strokeWidth)
    {
        if (stroke is not null)
        {
            _text.Append(" stroke=\"").Append(stroke).Append("\" stroke-width=\"").Append(F(strokeWidth)).Append('"');
        }
    }

    private void AppendExtra(string? extra)
    {
        if (extra is not null)
        {
            _text.Append(' ').Append(extra);
        }
    }
}
