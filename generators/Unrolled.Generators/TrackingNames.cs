namespace Unrolled.Generators;

/// <summary>Names of the pipeline's steps, so that tests can assert what the incremental generator cached.</summary>
internal static class TrackingNames
{
    public const string Parse = nameof(Parse);
    public const string Models = nameof(Models);
    public const string Plans = nameof(Plans);
    public const string Files = nameof(Files);
    public const string Diagnostics = nameof(Diagnostics);
    public const string Facts = nameof(Facts);
    public const string OrphanLayers = nameof(OrphanLayers);
    public const string WeightsFiles = nameof(WeightsFiles);
    public const string Weights = nameof(Weights);
}
