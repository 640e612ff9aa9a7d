namespace Unrolled.Samples;

/// <summary>How a legend entry is drawn.</summary>
internal enum LegendMark
{
    Line,
    DashedLine,
    Dot,
    Swatch,
}

/// <summary>One entry of a chart's legend.</summary>
internal readonly record struct LegendEntry(string Label, string Color, LegendMark Mark, string? Fill = null);

/// <summary>
/// A plot area with two axes, a title and a legend, drawn into an <see cref="SvgWriter"/>. Content drawn between
/// <see cref="BeginPlotArea"/> and <see cref="EndPlotArea"/> is clipped to the plot area.
/// </summary>
internal sealed class Chart
{
    private const double Left = 72, Top = 58, Bottom = 52;
    private readonly double _right;
    private readonly string _title;
    private readonly string? _subtitle;
    private readonly string _xLabel;
    private readonly string _yLabel;

    public Chart(double plotWidth, double plotHeight, Axis x, Axis y, string title, string? subtitle, string xLabel, string yLabel, double rightMargin = 24)
    {
        PlotWidth = plotWidth;
        PlotHeight = plotHeight;
        X = x;
        Y = y;
        _title = title;
        _subtitle = subtitle;
        _xLabel = xLabel;
        _yLabel = yLabel;
        _right = rightMargin;
        Svg = new SvgWriter(Left + plotWidth + rightMargin, Top + plotHeight + Bottom);
    }

    public SvgWriter Svg { get; }

    public Axis X { get; }

    public Axis Y { get; }

    public double PlotWidth { get; }

    public double PlotHeight { get; }

    public double PlotLeft => Left;

    public double PlotTop => Top;

    /// <summary>The horizontal pixel of data value <paramref name="x"/>.</summary>
    public double Px(double x) => Left + X.Fraction(x) * PlotWidth;

    /// <summary>The vertical pixel of data value <paramref name="y"/> (up is larger).</summary>
    public double Py(double y) => Top + (1 - Y.Fraction(y)) * PlotHeight;

    /// <summary>Draws the title, and light grid lines when asked (before the content, so the content covers them).</summary>
    public void DrawBackground(bool grid)
    {
        Svg.Text(Left, 24, _title, 16, extra: "font-weight=\"bold\"");
        if (_subtitle is not null)
        {
            Svg.Text(Left, 43, _subtitle, 12, fill: "#555555");
        }

        Svg.Rect(Left, Top, PlotWidth, PlotHeight, "#ffffff");
        Svg.Raw($"<defs><clipPath id=\"plot-area\"><rect x=\"{SvgWriter.F(Left)}\" y=\"{SvgWriter.F(Top)}\" width=\"{SvgWriter.F(PlotWidth)}\" height=\"{SvgWriter.F(PlotHeight)}\"/></clipPath></defs>");
        if (grid)
        {
            Svg.BeginGroup("stroke=\"#e6e6e6\" stroke-width=\"1\"");
            foreach (double t in X.Ticks)
            {
                Svg.Line(Px(t), Top, Px(t), Top + PlotHeight, "#e6e6e6");
            }

            foreach (double t in Y.Ticks)
            {
                Svg.Line(Left, Py(t), Left + PlotWidth, Py(t), "#e6e6e6");
            }

            Svg.EndGroup();
        }
    }

    public void BeginPlotArea(string? extraAttributes = null) =>
        Svg.BeginGroup("clip-path=\"url(#plot-area)\"" + (extraAttributes is null ? string.Empty : " " + extraAttributes));

    public void EndPlotArea() => Svg.EndGroup();

    /// <summary>Draws the frame, the ticks with their labels, and the axis labels.</summary>
    public void DrawAxes()
    {
        const string ink = "#333333";
        Svg.Rect(Left, Top, PlotWidth, PlotHeight, "none", ink, 1);
        foreach (double t in X.Ticks)
        {
            double px = Px(t);
            Svg.Line(px, Top + PlotHeight, px, Top + PlotHeight + 5, ink);
            Svg.Text(px, Top + PlotHeight + 19, X.Format(t), 11, "middle", ink);
        }

        foreach (double t in Y.Ticks)
        {
            double py = Py(t);
            Svg.Line(Left - 5, py, Left, py, ink);
            Svg.Text(Left - 8, py + 4, Y.Format(t), 11, "end", ink);
        }

        Svg.Text(Left + PlotWidth / 2, Top + PlotHeight + 40, _xLabel, 12, "middle", ink);
        double yMid = Top + PlotHeight / 2;
        Svg.Text(18, yMid, _yLabel, 12, "middle", ink, $"transform=\"rotate(-90 18 {SvgWriter.F(yMid)})\"");
    }

    /// <summary>Draws a legend box inside the plot area's top-right corner, or outside to its right.</summary>
    public void DrawLegend(IReadOnlyList<LegendEntry> entries, bool outside = false)
    {
        if (entries.Count == 0)
        {
            return;
        }

        const double rowHeight = 18, padding = 8;
        double width = LegendWidth(entries);
        double height = padding * 2 + rowHeight * entries.Count - 4;
        double x = outside ? Left + PlotWidth + 12 : Left + PlotWidth - width - 10;
        double y = outside ? Top : Top + 10;
        Svg.Rect(x, y, width, height, "#ffffff", "#999999", 0.8, "fill-opacity=\"0.9\"");
        for (int i = 0; i < entries.Count; i++)
        {
            var entry = entries[i];
            double cy = y + padding + rowHeight * i + 7;
            double mx = x + padding;
            const double markWidth = 24;
            switch (entry.Mark)
            {
                case LegendMark.Line:
                    Svg.Line(mx, cy, mx + markWidth, cy, entry.Color, 2.5);
                    break;
                case LegendMark.DashedLine:
                    Svg.Line(mx, cy, mx + markWidth, cy, entry.Color, 2.5, "stroke-dasharray=\"6 4\"");
                    break;
                case LegendMark.Dot:
                    Svg.Circle(mx + markWidth / 2, cy, 4.5, entry.Color, "#222222", 0.9);
                    break;
                case LegendMark.Swatch:
                    Svg.Rect(mx, cy - 7, markWidth, 14, entry.Fill ?? entry.Color, "#777777", 0.6);
                    Svg.Circle(mx + markWidth / 2, cy, 4.5, entry.Color, "#222222", 0.9);
                    break;
            }

            Svg.Text(mx + markWidth + 6, cy + 4, entry.Label, 12);
        }
    }

    /// <summary>The width of the legend box for <paramref name="entries"/> (text measured roughly, 6.6 px per character).</summary>
    public static double LegendWidth(IReadOnlyList<LegendEntry> entries) =>
        entries.Count == 0 ? 0 : 8 * 2 + 24 + 6 + entries.Max(e => e.Label.Length) * 6.6;

    public override string ToString() => Svg.ToString();
}
