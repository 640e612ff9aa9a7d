using System.Diagnostics;
using System.Globalization;

namespace Unrolled.Samples;

/// <summary>
/// Prints training progress from <see cref="Trainer{T}.Fit"/>'s per-epoch reports: a line every
/// <c>every</c> epochs (and the first and last), and in a terminal a line rewritten in place in between. When the
/// output is redirected to a file only the plain lines are written.
/// </summary>
public sealed class ProgressPrinter
{
    private readonly int _epochs;
    private readonly int _every;
    private readonly bool _interactive = !Console.IsOutputRedirected;
    private readonly Stopwatch _sinceDraw = Stopwatch.StartNew();
    private readonly string _prefix;
    private readonly string _validationLabel;
    private int _pending;
    private int _lastPrinted;

    /// <summary>Creates a printer for a run of <paramref name="epochs"/> epochs that keeps a line every <paramref name="every"/>.</summary>
    /// <param name="epochs">The epochs Fit will run at most.</param>
    /// <param name="every">Keep a line every this many epochs.</param>
    /// <param name="prefix">Put before every line, e.g. an indent.</param>
    /// <param name="validationLabel">What the validation columns are called ("val", or "test" when a test set is watched).</param>
    public ProgressPrinter(int epochs, int every, string prefix = "", string validationLabel = "val")
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(epochs);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(every);
        _epochs = epochs;
        _every = every;
        _prefix = prefix;
        _validationLabel = validationLabel;
    }

    /// <summary>Pass this to <see cref="Trainer{T}.Fit"/> as <c>onEpoch</c>.</summary>
    public void OnEpoch(EpochReport report)
    {
        string line = _prefix + Format(report, _epochs, _validationLabel);
        if (report.Epoch == 1 || report.Epoch % _every == 0 || report.Epoch == _epochs)
        {
            Clear();
            Console.WriteLine(line);
            _lastPrinted = report.Epoch;
        }
        else if (_interactive && _sinceDraw.ElapsedMilliseconds >= 50)
        {
            Clear();
            Console.Write(line);
            _pending = line.Length;
            _sinceDraw.Restart();
        }
    }

    /// <summary>Prints the last epoch if it has no line yet (after early stopping) and what stopped training.</summary>
    public void Complete(History history)
    {
        ArgumentNullException.ThrowIfNull(history);
        Clear();
        if (history.Epochs.Count > 0 && _lastPrinted != history.Last.Epoch)
        {
            Console.WriteLine(_prefix + Format(history.Last, _epochs, _validationLabel));
        }

        if (history.StoppedEarly)
        {
            string restored = history.RestoredBest ? $"; restored the parameters of epoch {history.BestEpoch}" : string.Empty;
            Console.WriteLine(string.Create(
                CultureInfo.InvariantCulture,
                $"{_prefix}stopped early after epoch {history.Last.Epoch}: no validation improvement since epoch {history.BestEpoch}{restored}"));
        }
    }

    /// <summary>One report as text, e.g. <c>epoch  25/300  loss 0.4321  accuracy 87.0%</c>.</summary>
    public static string Format(EpochReport report, int epochs, string validationLabel = "val")
    {
        int width = epochs.ToString(CultureInfo.InvariantCulture).Length;
        var text = string.Create(CultureInfo.InvariantCulture, $"epoch {report.Epoch.ToString(CultureInfo.InvariantCulture).PadLeft(width)}/{epochs}  loss {report.TrainLoss:F4}");
        if (report.TrainAccuracy is double trainAccuracy)
        {
            text += string.Create(CultureInfo.InvariantCulture, $"  accuracy {trainAccuracy * 100,5:F1}%");
        }

        if (report.ValidationLoss is double validationLoss)
        {
            text += string.Create(CultureInfo.InvariantCulture, $"  {validationLabel} loss {validationLoss:F4}");
        }

        if (report.ValidationAccuracy is double validationAccuracy)
        {
            text += string.Create(CultureInfo.InvariantCulture, $"  {validationLabel} accuracy {validationAccuracy * 100,5:F1}%");
        }

        return text;
    }

    private void Clear()
    {
        if (_pending > 0)
        {
            Console.Write("\r" + new string(' ', _pending) + "\r");
            _pending = 0;
        }
    }
}
