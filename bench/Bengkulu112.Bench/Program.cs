using Bengkulu112.Bench;

// The HTTP workloads of bench/run.sh that wrk cannot express: multi-step ticket lifecycles, paced deadline tickets and
// many open live feeds.
// Output is "key=value" lines on stdout (bench/run.sh reads them); progress goes to stderr.
var options = BenchOptions.Parse(args);
using var api = new ApiClient(options.Url, options.Token, options.Workers);
return options.Command switch
{
    "lifecycle" => await LifecycleBench.RunAsync(api, options),
    "deadlines" => await DeadlineBench.RunAsync(api, options),
    "activate" => await ActivationBench.RunAsync(api, options),
    "feeds" => await FeedsBench.RunAsync(options),
    _ => BenchOptions.Usage(),
};
