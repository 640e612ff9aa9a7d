using System.Numerics;

namespace Unrolled;

/// <summary>
/// N samples for training or evaluation, row-major: <see cref="Features"/> is <c>[N, InputCount]</c>,
/// <see cref="Targets"/> is <c>[N, OutputCount]</c>, and classification sets also carry integer <see cref="Labels"/>
/// (the class of each sample; its targets are then usually the one-hot encoding of the label). Immutable.
/// </summary>
/// <typeparam name="T"><see cref="float"/> or <see cref="double"/>.</typeparam>
public sealed class Dataset<T>
    where T : unmanaged, IFloatingPointIeee754<T>
{
    private readonly T[] _features;
    private readonly T[] _targets;
    private readonly int[]? _labels;

    /// <summary>Creates a dataset from copies of row-major features and targets, with optional class labels.</summary>
    /// <param name="features">N rows of <paramref name="inputCount"/> finite values.</param>
    /// <param name="inputCount">The number of features per sample.</param>
    /// <param name="targets">N rows of <paramref name="outputCount"/> finite values.</param>
    /// <param name="outputCount">The number of targets per sample.</param>
    /// <param name="labels">
    /// Empty for regression; otherwise N classes in [0, <see cref="ClassCount"/>), where the class count is
    /// <paramref name="outputCount"/>, or 2 when there is a single (sigmoid) output.
    /// </param>
    /// <exception cref="ArgumentOutOfRangeException">A count is not positive.</exception>
    /// <exception cref="ArgumentException">
    /// A length is not a whole number of rows, the row counts differ, a value is not finite, or a label is out of range;
    /// the message names the row and column.
    /// </exception>
    public Dataset(ReadOnlySpan<T> features, int inputCount, ReadOnlySpan<T> targets, int outputCount, ReadOnlySpan<int> labels = default)
        : this(features.ToArray(), inputCount, targets.ToArray(), outputCount, labels.IsEmpty ? null : labels.ToArray())
    {
    }

    /// <summary>Takes ownership of the arrays and validates them.</summary>
    internal Dataset(T[] features, int inputCount, T[] targets, int outputCount, int[]? labels)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(inputCount);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(outputCount);
        if (features.Length % inputCount != 0)
        {
            throw new ArgumentException(
                $"The features hold {features.Length} values, which is not a whole number of rows of {inputCount}.", nameof(features));
        }

        int count = features.Length / inputCount;
        if (targets.Length != count * outputCount)
        {
            throw new ArgumentException(
                $"The features hold {count} rows, so the targets must hold {count} x {outputCount} = {count * outputCount} values, but they hold {targets.Length}.",
                nameof(targets));
        }

        CheckFinite(features, inputCount, nameof(features));
        CheckFinite(targets, outputCount, nameof(targets));

        _features = features;
        _targets = targets;
        Count = count;
        InputCount = inputCount;
        OutputCount = outputCount;

        if (labels is not null)
        {
            if (labels.Length != count)
            {
                throw new ArgumentException($"Expected {count} labels, one per row, but there are {labels.Length}.", nameof(labels));
            }

            int classes = outputCount == 1 ? 2 : outputCount;
            for (int i = 0; i < labels.Length; i++)
            {
                if ((uint)labels[i] >= (uint)classes)
                {
                    throw new ArgumentException(
                        $"The label of row {i} is {labels[i]}, outside [0, {classes}) for {outputCount} output(s).", nameof(labels));
                }
            }

            _labels = labels;
            ClassCount = classes;
        }
    }

    /// <summary>The number of samples N.</summary>
    public int Count { get; }

    /// <summary>The number of features per sample.</summary>
    public int InputCount { get; }

    /// <summary>The number of targets per sample.</summary>
    public int OutputCount { get; }

    /// <summary>True when the set carries class labels (a classification set).</summary>
    public bool HasLabels => _labels is not null;

    /// <summary>
    /// The number of classes: <see cref="OutputCount"/> for one-hot targets, 2 for a single output, 0 without labels.
    /// </summary>
    public int ClassCount { get; }

    /// <summary>All features, row-major <c>[Count, InputCount]</c>.</summary>
    public ReadOnlySpan<T> Features => _features;

    /// <summary>All targets, row-major <c>[Count, OutputCount]</c>.</summary>
    public ReadOnlySpan<T> Targets => _targets;

    /// <summary>The class of each sample, or an empty span when <see cref="HasLabels"/> is false.</summary>
    public ReadOnlySpan<int> Labels => _labels;

    /// <summary>The features of sample <paramref name="index"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="index"/> is outside [0, <see cref="Count"/>).</exception>
    public ReadOnlySpan<T> Feature(int index)
    {
        CheckIndex(index);
        return new ReadOnlySpan<T>(_features, index * InputCount, InputCount);
    }

    /// <summary>The targets of sample <paramref name="index"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="index"/> is outside [0, <see cref="Count"/>).</exception>
    public ReadOnlySpan<T> Target(int index)
    {
        CheckIndex(index);
        return new ReadOnlySpan<T>(_targets, index * OutputCount, OutputCount);
    }

    /// <summary>The class of sample <paramref name="index"/>.</summary>
    /// <exception cref="InvalidOperationException">The set has no labels.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="index"/> is outside [0, <see cref="Count"/>).</exception>
    public int Label(int index)
    {
        if (_labels is null)
        {
            throw new InvalidOperationException("This dataset has no labels.");
        }

        CheckIndex(index);
        return _labels[index];
    }

    /// <summary>A new set of the samples at <paramref name="indices"/>, in that order (repeats allowed).</summary>
    /// <exception cref="ArgumentOutOfRangeException">An index is outside [0, <see cref="Count"/>).</exception>
    public Dataset<T> Subset(ReadOnlySpan<int> indices)
    {
        var features = new T[indices.Length * InputCount];
        var targets = new T[indices.Length * OutputCount];
        int[]? labels = _labels is null ? null : new int[indices.Length];
        for (int k = 0; k < indices.Length; k++)
        {
            int i = indices[k];
            Feature(i).CopyTo(features.AsSpan(k * InputCount, InputCount));
            Target(i).CopyTo(targets.AsSpan(k * OutputCount, OutputCount));
            if (labels is not null)
            {
                labels[k] = _labels![i];
            }
        }

        return new Dataset<T>(features, InputCount, targets, OutputCount, labels);
    }

    /// <summary>A new set with <paramref name="features"/> (same row count) and this set's targets and labels.</summary>
    /// <exception cref="ArgumentException">The features are not a whole number of rows or the row count differs.</exception>
    public Dataset<T> WithFeatures(ReadOnlySpan<T> features, int inputCount)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(inputCount);
        if (features.Length != Count * inputCount)
        {
            throw new ArgumentException(
                $"Expected {Count} rows of {inputCount} features ({Count * inputCount} values), but there are {features.Length}.",
                nameof(features));
        }

        return new Dataset<T>(features.ToArray(), inputCount, _targets, OutputCount, _labels);
    }

    /// <summary>
    /// A classification set: the targets are the one-hot encoding of <paramref name="labels"/> over
    /// <paramref name="classCount"/> classes.
    /// </summary>
    /// <exception cref="ArgumentException">The shapes disagree, a value is not finite, or a label is out of range.</exception>
    public static Dataset<T> FromLabels(ReadOnlySpan<T> features, int inputCount, ReadOnlySpan<int> labels, int classCount)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(classCount, 2);
        T[] targets = OneHot.Encode<T>(labels, classCount);
        return new Dataset<T>(features.ToArray(), inputCount, targets, classCount, labels.ToArray());
    }

    /// <summary>For example <c>Dataset&lt;Double&gt;: 200 samples, 2 inputs, 2 outputs, 2 classes</c>.</summary>
    public override string ToString() =>
        $"Dataset<{typeof(T).Name}>: {Count} samples, {InputCount} inputs, {OutputCount} outputs"
        + (HasLabels ? $", {ClassCount} classes" : string.Empty);

    private void CheckIndex(int index)
    {
        if ((uint)index >= (uint)Count)
        {
            ThrowIndex(index);
        }
    }

    private void ThrowIndex(int index) =>
        throw new ArgumentOutOfRangeException(nameof(index), index, $"The dataset has {Count} samples.");

    private static void CheckFinite(T[] values, int columns, string name)
    {
        for (int k = 0; k < values.Length; k++)
        {
            if (!T.IsFinite(values[k]))
            {
                throw new ArgumentException(
                    $"{name}[row {k / columns}, column {k % columns}] is {values[k]}: a dataset must hold finite numbers.", name);
            }
        }
    }
}
