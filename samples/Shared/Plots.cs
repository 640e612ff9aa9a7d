using System.Globalization;
using System.Numerics;

namespace Unrolled.Samples;

/// <summary>A line of a plot: (x, y) points, a name for the legend, a colour, solid or dashed.</summary>
public sealed record LineSeries(string Name, IReadOnlyList<double> X, IReadOnlyList<double> Y, string Color, bool Dashed = false);

/// <summary>
/// The sample plots, as standalone SVG text: decision regions of a 2-D classifier, loss curves, and a 1-D function fit.
/// </summary>
public static class Plots
{
    /// <summary>Strong colours, one per class (matplotlib's tab10).</summary>
    public static IReadOnlyList<string> Palette { get; } =
    [
        "#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd", "#8c564b", "#e377c2", "#7f7f7f", "#bcbd22", "#17becf",
    ];

    /// <summary>The colour of class <paramref name="c"/>.</summary>
    public static string ClassColor(int c) => Palette[c % Palette.Count];

    /// <summary>A light version of the colour of class <paramref name="c"/>, for a region.</summary>
    public static string RegionColor(int c) => Blend(ClassColor(c), 0.72);

    /// <summary>
    /// The decision regions of <paramref name="trainer"/>'s network on a <paramref name="grid"/> x <paramref name="grid"/>
    /// grid over <paramref name="data"/>'s extent (each cell coloured by the class predicted at its centre), with
    /// <paramref name="data"/>'s points on top coloured by their true class.
    /// </summary>
    public static string DecisionRegions<T>(Trainer<T> trainer, Dataset<T> data, string title, string? subtitle = null, int grid = 150, IReadOnlyList<string>? classNames = null, bool showOrigin = false)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(trainer);
        ArgumentNullException.ThrowIfNull(data);
        if (data.InputCount != 2 || !data.HasLabels)
        {
            throw new ArgumentException("Decision regions need a labelled data set with 2 features.", nameof(data));
        }

        var points = new double[data.Count * 2];
        for (int i = 0; i < points.Length; i++)
        {
            points[i] = double.CreateTruncating(data.Features[i]);
        }

        var input = new T[2];
        return DecisionRegions(
            (x, y) =>
            {
                input[0] = T.CreateTruncating(x);
                input[1] = T.CreateTruncating(y);
                return trainer.PredictClass(input);
            },
            points,
            data.Labels.ToArray(),
            data.ClassCount,
            title,
            subtitle,
            grid,
            classNames,
            showOrigin);
    }

    /// <summary>
    /// The decision regions of <paramref name="classify"/> (a class for a point (x, y)) on a grid over the points'
    /// extent, with the points (x0, y0, x1, y1, ...) on top coloured by <paramref name="labels"/>.
    /// </summary>
    public static string DecisionRegions(
        Func<double, double, int> classify,
        IReadOnlyList<double> points,
        IReadOnlyList<int> labels,
        int classCount,
        string title,
        string? subtitle = null,
        int grid = 150,
        IReadOnlyList<string>? classNames = null,
        bool showOrigin = false)
    {
        ArgumentNullException.ThrowIfNull(classify);
        ArgumentNullException.ThrowIfNull(points);
        ArgumentNullException.ThrowIfNull(labels);
        ArgumentOutOfRangeException.ThrowIfLessThan(grid, 2);
        int count = labels.Count;
        if (points.Count != 2 * count || count == 0)
        {
            throw new ArgumentException("Expected two coordinates per label, and at least one point.", nameof(points));
        }

        // A square extent around the points, 10% padding, so that circles look round.
        double xMin = double.MaxValue, xMax = double.MinValue, yMin = double.MaxValue, yMax = double.MinValue;
        for (int i = 0; i < count; i++)
        {
            xMin = Math.Min(xMin, points[2 * i]);
            xMax = Math.Max(xMax, points[2 * i]);
            yMin = Math.Min(yMin, points[2 * i + 1]);
            yMax = Math.Max(yMax, points[2 * i + 1]);
        }

        double half = Math.Max(xMax - xMin, yMax - yMin) * 0.6;
        double xMid = (xMin + xMax) / 2, yMid = (yMin + yMax) / 2;
        var xAxis = Axis.Linear(xMid - half, xMid + half, extendToTicks: false);
        var yAxis = Axis.Linear(yMid - half, yMid + half, extendToTicks: false);
        var legend = new List<LegendEntry>();
        for (int c = 0; c < classCount; c++)
        {
            string name = classNames is not null && c < classNames.Count ? classNames[c] : "class " + c.ToString(CultureInfo.InvariantCulture);
            legend.Add(new LegendEntry(name, ClassColor(c), LegendMark.Swatch, RegionColor(c)));
        }

        var chart = new Chart(480, 480, xAxis, yAxis, title, subtitle, "x\u2081", "x\u2082", rightMargin: Chart.LegendWidth(legend) + 24);
        chart.DrawBackground(grid: false);

        // Regions: each row of cells as runs of one class, one rectangle per run.
        chart.BeginPlotArea("shape-rendering=\"crispEdges\"");
        double cellX = (xAxis.Max - xAxis.Min) / grid, cellY = (yAxis.Max - yAxis.Min) / grid;
        var row = new int[grid];
        for (int j = 0; j < grid; j++)
        {
            double y = yAxis.Min + (j + 0.5) * cellY;
            for (int i = 0; i < grid; i++)
            {
                row[i] = classify(xAxis.Min + (i + 0.5) * cellX, y);
            }

            double top = chart.Py(yAxis.Min + (j + 1) * cellY), bottom = chart.Py(yAxis.Min + j * cellY);
            for (int start = 0; start < grid;)
            {
                int end = start + 1;
                while (end < grid && row[end] == row[start])
                {
                    end++;
                }

                double left = chart.Px(xAxis.Min + start * cellX), right = chart.Px(xAxis.Min + end * cellX);
                chart.Svg.Rect(left, top, right - left + 0.4, bottom - top + 0.4, RegionColor(row[start]));
                start = end;
            }
        }

        chart.EndPlotArea();
        if (showOrigin)
        {
            // Thin dashed axes through (0, 0), and a cross at the origin.
            chart.BeginPlotArea();
            chart.Svg.Line(chart.Px(0), chart.PlotTop, chart.Px(0), chart.PlotTop + chart.PlotHeight, "#555555", 0.8, "stroke-dasharray=\"4 3\"");
            chart.Svg.Line(chart.PlotLeft, chart.Py(0), chart.PlotLeft + chart.PlotWidth, chart.Py(0), "#555555", 0.8, "stroke-dasharray=\"4 3\"");
            chart.Svg.Circle(chart.Px(0), chart.Py(0), 3, "#333333");
            chart.EndPlotArea();
        }

        // Points on top, by true class; each class drawn in turn so the legend order matches.
        chart.BeginPlotArea();
        for (int c = 0; c < classCount; c++)
        {
            for (int i = 0; i < count; i++)
            {
                if (labels[i] == c)
                {
                    chart.Svg.Circle(chart.Px(points[2 * i]), chart.Py(points[2 * i + 1]), 3.6, ClassColor(c), "#1a1a1a", 0.8);
                }
            }
        }

        chart.EndPlotArea();
        chart.DrawAxes();
        chart.DrawLegend(legend, outside: true);
        return chart.ToString();
    }

    /// <summary>The training loss per epoch of <paramref name="history"/>, and the validation loss when there is one.</summary>
    public static string LossCurve(History history, string title, string? subtitle = null, bool logScale = true, string trainName = "training loss", string validationName = "validation loss")
    {
        ArgumentNullException.ThrowIfNull(history);
        var epochs = history.Epochs.Select(e => (double)e.Epoch).ToArray();
        var series = new List<LineSeries>
        {
            new(trainName, epochs, history.Epochs.Select(e => e.TrainLoss).ToArray(), Palette[0]),
        };
        if (history.Epochs.Count > 0 && history.Epochs[0].ValidationLoss is not null)
        {
            series.Add(new(validationName, epochs, history.Epochs.Select(e => e.ValidationLoss ?? double.NaN).ToArray(), Palette[1], Dashed: true));
        }

        return LossCurve(series, title, subtitle, logScale);
    }

    /// <summary>Loss curves: one line per series, x the epoch, y the loss (log scale by default), with a legend.</summary>
    public static string LossCurve(IReadOnlyList<LineSeries> series, string title, string? subtitle = null, bool logScale = true, string xLabel = "epoch", string yLabel = "loss")
    {
        ArgumentNullException.ThrowIfNull(series);
        var xs = series.SelectMany(s => s.X).Where(double.IsFinite).ToArray();
        var ys = series.SelectMany(s => s.Y).Where(v => double.IsFinite(v) && (!logScale || v > 0)).ToArray();
        if (xs.Length == 0 || ys.Length == 0)
        {
            throw new ArgumentException("Nothing to plot.", nameof(series));
        }

        var xAxis = Axis.Linear(Math.Min(0, xs.Min()), xs.Max(), extendToTicks: true);
        var yAxis = logScale ? Axis.Logarithmic(ys.Min(), ys.Max()) : Axis.Linear(Math.Min(0, ys.Min()), ys.Max(), extendToTicks: true);
        var chart = new Chart(560, 340, xAxis, yAxis, title, subtitle, xLabel, yLabel + (logScale ? " (log scale)" : string.Empty));
        chart.DrawBackground(grid: true);
        DrawLines(chart, series);
        chart.DrawAxes();
        chart.DrawLegend(series.Select(s => new LegendEntry(s.Name, s.Color, s.Dashed ? LegendMark.DashedLine : LegendMark.Line)).ToArray());
        return chart.ToString();
    }

    /// <summary>
    /// A 1-D fit: the sample points (x, y), and curves (for example the true function and the network's output).
    /// </summary>
    public static string FunctionFit(
        IReadOnlyList<double> x,
        IReadOnlyList<double> y,
        string pointsName,
        IReadOnlyList<LineSeries> curves,
        string title,
        string? subtitle = null,
        string xLabel = "x",
        string yLabel = "y")
    {
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(y);
        ArgumentNullException.ThrowIfNull(curves);
        var allX = x.Concat(curves.SelectMany(c => c.X)).ToArray();
        var allY = y.Concat(curves.SelectMany(c => c.Y)).Where(double.IsFinite).ToArray();
        var xAxis = Axis.Linear(allX.Min(), allX.Max(), extendToTicks: false);
        double pad = (allY.Max() - allY.Min()) * 0.08;
        var yAxis = Axis.Linear(allY.Min() - pad, allY.Max() + pad, extendToTicks: true);
        var chart = new Chart(560, 340, xAxis, yAxis, title, subtitle, xLabel, yLabel);
        chart.DrawBackground(grid: true);
        chart.BeginPlotArea();
        for (int i = 0; i < x.Count; i++)
        {
            chart.Svg.Circle(chart.Px(x[i]), chart.Py(y[i]), 2.8, "#9ecae1", "#3b6e96", 0.7);
        }

        chart.EndPlotArea();
        DrawLines(chart, curves);
        chart.DrawAxes();
        var legend = new List<LegendEntry> { new(pointsName, "#9ecae1", LegendMark.Dot) };
        legend.AddRange(curves.Select(c => new LegendEntry(c.Name, c.Color, c.Dashed ? LegendMark.DashedLine : LegendMark.Line)));
        chart.DrawLegend(legend);
        return chart.ToString();
    }

    private static void DrawLines(Chart chart, IReadOnlyList<LineSeries> series)
    {
        chart.BeginPlotArea();
        foreach (var s in series)
        {
            var points = new List<(double X, double Y)>(s.X.Count);
            for (int i = 0; i < s.X.Count && i < s.Y.Count; i++)
            {
                if (double.IsFinite(s.X[i]) && double.IsFinite(s.Y[i]) && (!chart.Y.Log || s.Y[i] > 0))
                {
                    points.Add((chart.Px(s.X[i]), chart.Py(s.Y[i])));
                }
            }

            chart.Svg.Polyline(points, s.Color, 2, s.Dashed ? "6 4" : null);
        }

        chart.EndPlotArea();
    }

    /// <summary>Mixes a #rrggbb colour with white: 0 keeps it, 1 gives white.</summary>
    private static string Blend(string color, double towardWhite)
    {
        int r = Convert.ToInt32(color.Substring(1, 2), 16), g = Convert.ToInt32(color.Substring(3, 2), 16), b = Convert.ToInt32(color.Substring(5, 2), 16);
        int Mix(int v) => (int)Math.Round(v + (255 - v) * towardWhite);
        return string.Create(CultureInfo.InvariantCulture, $"#{Mix(r):x2}{Mix(g):x2}{Mix(b):x2}");
    }
}
