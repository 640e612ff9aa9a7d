using System.Globalization;
using System.Numerics;
using ScottPlot;
using SkiaSharp;

namespace Unrolled.Samples;

/// <summary>
/// One line of a loss plot: its legend text (empty: not in the legend), the loss of each epoch, epoch 1 first, and
/// optionally the index of its colour in the plots' line colours (blue, red, green, orange, purple; by default the
/// line's position), so that two lines of one run can share a colour.
/// </summary>
public sealed record LossLine(string Name, IReadOnlyList<double> Loss, bool Dashed = false, int? Color = null);

/// <summary>
/// The samples' plots, drawn by ScottPlot in one style: decision regions of a 2-D classifier and loss curves. Each
/// returns the <see cref="Plot"/>, so that a sample can add to it before <see cref="SampleOutput.Save"/> writes it.
/// </summary>
public static class Plots
{
    private static readonly IPalette ClassPalette = new ScottPlot.Palettes.Category10();
    private static readonly string SansFont = FindSansFont();
    private static readonly int[] LineColors = [0, 3, 2, 1, 4]; // blue, red, green, orange, purple

    /// <summary>The colour of class <paramref name="c"/> (tab10, as matplotlib).</summary>
    public static Color ClassColor(int c) => ClassPalette.GetColor(c);

    /// <summary>A light version of <see cref="ClassColor"/>, for the region where the network predicts the class.</summary>
    public static Color RegionColor(int c) => ClassColor(c).MixedWith(Colors.White, 0.7);

    /// <summary>An empty plot in the samples' style: a bold title, a smaller subtitle under it, axis labels.</summary>
    public static Plot Create(string title, string? subtitle, string xLabel, string yLabel)
    {
        Fonts.Default = SansFont; // what the labels of a new plot use
        var plot = new Plot();
        plot.Title(title, 15);
        plot.Axes.Title.FullFigureCenter = true;
        if (!string.IsNullOrEmpty(subtitle))
        {
            var panel = new ScottPlot.Panels.TitlePanel { VerticalPadding = 4, FullFigureCenter = true };
            panel.Label.Text = subtitle;
            panel.Label.FontSize = 12;
            panel.Label.Bold = false;
            panel.Label.ForeColor = Colors.Black.WithOpacity(0.7);
            plot.Axes.AddPanel(panel);
        }

        plot.XLabel(xLabel, 13);
        plot.YLabel(yLabel, 13);
        plot.Axes.Right.MinimumSize = 16; // room for the last label of the x axis
        plot.Legend.FontSize = 12;
        plot.Legend.ShadowColor = Colors.Transparent;
        return plot;
    }

    /// <summary>Shows the legend in one row under the plot, outside the data.</summary>
    public static void LegendBelow(Plot plot)
    {
        ArgumentNullException.ThrowIfNull(plot);
        plot.Legend.Orientation = Orientation.Horizontal;
        plot.ShowLegend(Edge.Bottom).Padding = new PixelPadding(0, 0, 8, 4);
    }

    /// <summary>
    /// The class <paramref name="trainer"/>'s network predicts over <paramref name="data"/>'s extent (a heatmap of
    /// <paramref name="grid"/> x <paramref name="grid"/> cells, each coloured by the class at its centre), with the
    /// points on top coloured by their true class, square units, and a legend of the classes.
    /// </summary>
    public static Plot DecisionRegions<T>(Trainer<T> trainer, Dataset<T> data, string title, string? subtitle = null, IReadOnlyList<string>? classNames = null, int grid = 320)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(trainer);
        ArgumentNullException.ThrowIfNull(data);
        if (data.InputCount != 2 || !data.HasLabels || data.Count == 0)
        {
            throw new ArgumentException("Decision regions need a labelled data set with 2 features.", nameof(data));
        }

        var x = new double[data.Count];
        var y = new double[data.Count];
        for (int i = 0; i < data.Count; i++)
        {
            x[i] = double.CreateTruncating(data.Features[2 * i]);
            y[i] = double.CreateTruncating(data.Features[2 * i + 1]);
        }

        // The view: a square around the points with 10% padding. The regions cover 1.3 times as much, so that they
        // still fill the data area when ScottPlot widens one axis to keep the units square.
        double half = Math.Max(x.Max() - x.Min(), y.Max() - y.Min()) * 0.6;
        double xMid = (x.Min() + x.Max()) / 2, yMid = (y.Min() + y.Max()) / 2;
        var view = new CoordinateRect(xMid - half, xMid + half, yMid - half, yMid + half);
        var cover = new CoordinateRect(xMid - 1.3 * half, xMid + 1.3 * half, yMid - 1.3 * half, yMid + 1.3 * half);
        var predicted = new double[grid, grid]; // row 0 is the top of the heatmap
        Span<T> input = stackalloc T[2];
        for (int row = 0; row < grid; row++)
        {
            input[1] = T.CreateTruncating(cover.Top - (row + 0.5) * cover.Height / grid);
            for (int column = 0; column < grid; column++)
            {
                input[0] = T.CreateTruncating(cover.Left + (column + 0.5) * cover.Width / grid);
                predicted[row, column] = trainer.PredictClass(input);
            }
        }

        var plot = Create(title, subtitle, "x\u2081", "x\u2082");
        var regions = plot.Add.Heatmap(predicted);
        regions.Rectangle = cover;
        regions.Colormap = new ClassRegions(data.ClassCount);
        regions.ManualRange = new ScottPlot.Range(0, Math.Max(1, data.ClassCount - 1));
        regions.Smooth = true; // blends the two colours along a boundary instead of drawing stairs
        for (int c = 0; c < data.ClassCount; c++)
        {
            var members = Enumerable.Range(0, data.Count).Where(i => data.Labels[i] == c).ToArray();
            var points = plot.Add.ScatterPoints(members.Select(i => x[i]).ToArray(), members.Select(i => y[i]).ToArray(), ClassColor(c));
            points.MarkerStyle = PointMarker(c);
            string name = classNames is not null && c < classNames.Count ? classNames[c] : "class " + c.ToString(CultureInfo.InvariantCulture);
            plot.Legend.ManualItems.Add(new LegendItem
            {
                LabelText = name,
                FillColor = RegionColor(c),
                OutlineColor = Colors.Black.WithOpacity(0.3),
                OutlineWidth = 1,
                MarkerStyle = PointMarker(c),
            });
        }

        plot.Legend.SymbolWidth = 22;
        LegendBelow(plot);
        plot.Axes.SetLimits(view);
        plot.Axes.SquareUnits();
        return plot;
    }

    /// <summary>The training loss per epoch of <paramref name="history"/>, and the validation loss when it has one.</summary>
    public static Plot LossCurve(History history, string title, string? subtitle = null, bool logScale = true, string trainName = "training loss", string validationName = "validation loss")
    {
        ArgumentNullException.ThrowIfNull(history);
        var lines = new List<LossLine> { new(trainName, history.Epochs.Select(e => e.TrainLoss).ToArray()) };
        if (history.Epochs.Count > 0 && history.Epochs[0].ValidationLoss is not null)
        {
            lines.Add(new(validationName, history.Epochs.Select(e => e.ValidationLoss ?? double.NaN).ToArray(), Dashed: true));
        }

        return LossCurves(lines, title, subtitle, logScale);
    }

    /// <summary>
    /// Loss curves, one line per <see cref="LossLine"/> (blue, red, green, ...): x the epoch, y the loss, on a
    /// logarithmic axis by default. Values that are not finite (or not positive, on a log axis) are left out.
    /// </summary>
    public static Plot LossCurves(IReadOnlyList<LossLine> lines, string title, string? subtitle = null, bool logScale = true, string yLabel = "loss")
    {
        ArgumentNullException.ThrowIfNull(lines);
        var plot = Create(title, subtitle, "epoch", logScale ? yLabel + " (log scale)" : yLabel);
        double low = double.MaxValue, high = double.MinValue;
        for (int k = 0; k < lines.Count; k++)
        {
            var kept = Enumerable.Range(0, lines[k].Loss.Count).Where(i => double.IsFinite(lines[k].Loss[i]) && (!logScale || lines[k].Loss[i] > 0)).ToArray();
            var ys = kept.Select(i => logScale ? Math.Log10(lines[k].Loss[i]) : lines[k].Loss[i]).ToArray();
            if (ys.Length == 0)
            {
                continue;
            }

            int color = lines[k].Color ?? k;
            var line = plot.Add.ScatterLine(kept.Select(i => i + 1.0).ToArray(), ys, ClassColor(LineColors[color % LineColors.Length]));
            line.LineWidth = 2;
            line.LinePattern = lines[k].Dashed ? LinePattern.Dashed : LinePattern.Solid;
            line.LegendText = lines[k].Name;
            low = Math.Min(low, ys.Min());
            high = Math.Max(high, ys.Max());
        }

        if (logScale && low <= high)
        {
            // ScottPlot's log-axis recipe: the data is log10(loss), and the ticks say which power of ten a position
            // is. The limits are the minor ticks around the data, with a little padding for the end labels.
            double bottom = Math.Log10(RoundToLogTick(Math.Pow(10, low), Math.Floor)) - 0.01;
            double top = Math.Log10(RoundToLogTick(Math.Pow(10, high), Math.Ceiling)) + 0.01;
            plot.Axes.SetLimitsY(bottom, top);
            plot.Axes.Left.TickGenerator = LogTicks(bottom, top);
            plot.Grid.MinorLineWidth = 1;
            plot.Grid.MinorLineColor = Colors.Black.WithOpacity(0.04);
        }

        plot.Axes.SetLimitsX(0, Math.Max(1, lines.Max(l => l.Loss.Count)));
        plot.Axes.Bottom.TickGenerator = new ScottPlot.TickGenerators.NumericAutomatic
        {
            IntegerTicksOnly = true,
            LabelFormatter = epoch => epoch.ToString("0", CultureInfo.InvariantCulture),
        };
        plot.ShowLegend(Alignment.UpperRight);
        return plot;
    }

    private static MarkerStyle PointMarker(int c) => new()
    {
        Shape = MarkerShape.FilledCircle,
        Size = 7,
        FillColor = ClassColor(c),
        OutlineColor = Colors.Black.WithOpacity(0.75),
        OutlineWidth = 0.8f,
    };

    /// <summary>m 10^k with the integer m (1-9) just below or above <paramref name="value"/>.</summary>
    private static double RoundToLogTick(double value, Func<double, double> round)
    {
        double decade = Math.Pow(10, Math.Floor(Math.Log10(value)));
        return round(value / decade * (1 + 1e-12)) * decade;
    }

    /// <summary>
    /// Ticks of a log10 axis from exponent <paramref name="bottom"/> to <paramref name="top"/>: labelled at 1, 2 and 5
    /// times each power of ten (at powers of ten only over more than 3 decades), minor ticks at the other multiples.
    /// </summary>
    private static ScottPlot.TickGenerators.NumericManual LogTicks(double bottom, double top)
    {
        var ticks = new ScottPlot.TickGenerators.NumericManual();
        int[] labelled = top - bottom > 3 ? [1] : [1, 2, 5];
        for (int e = (int)Math.Floor(bottom); e <= (int)Math.Ceiling(top); e++)
        {
            for (int m = 1; m <= 9; m++)
            {
                double position = e + Math.Log10(m);
                if (position < bottom || position > top)
                {
                    continue;
                }

                if (labelled.Contains(m))
                {
                    ticks.AddMajor(position, (m * Math.Pow(10, e)).ToString("G3", CultureInfo.InvariantCulture));
                }
                else
                {
                    ticks.AddMinor(position);
                }
            }
        }

        return ticks;
    }

    /// <summary>
    /// A sans-serif font that is installed. SkiaSharp's dependency-free native build reads the font files itself and
    /// takes the first one it finds as the default, which may be a serif face.
    /// </summary>
    private static string FindSansFont()
    {
        var installed = new HashSet<string>(SKFontManager.Default.FontFamilies, StringComparer.OrdinalIgnoreCase);
        if (installed.Count == 0)
        {
            throw new InvalidOperationException("No font is installed, so the plots would have no text (Debian: apt-get install fonts-dejavu-core).");
        }

        string[] preferred = ["DejaVu Sans", "Liberation Sans", "Noto Sans", "Open Sans", "Arial", "Helvetica"];
        return preferred.FirstOrDefault(installed.Contains) ?? Fonts.Default;
    }

    /// <summary>Maps class k of n (scaled to k / (n - 1) by the heatmap) to <see cref="RegionColor"/>(k).</summary>
    private sealed class ClassRegions(int classCount) : IColormap
    {
        public string Name => "class regions";

        public Color GetColor(double position) =>
            RegionColor((int)Math.Round(Math.Clamp(position, 0, 1) * Math.Max(1, classCount - 1)));
    }
}
