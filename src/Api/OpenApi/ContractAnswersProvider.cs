using Microsoft.AspNetCore.Mvc.ApiExplorer;

namespace Bengkulu112.Api.OpenApi;

/// <summary>
/// The success bodies of endpoints whose results are untyped (e.g. a ticket's timeline answers `IResult`), from their
/// rows' <see cref="OperationContract.Answers"/>, so the endpoint files stay as they are.
/// </summary>
internal sealed class ContractAnswersProvider : IApiDescriptionProvider
{
    /// <summary>After the minimal API provider (-1100) has described the endpoints.</summary>
    public int Order => 0;

    public void OnProvidersExecuting(ApiDescriptionProviderContext context)
    {
    }

    public void OnProvidersExecuted(ApiDescriptionProviderContext context)
    {
        foreach (var description in context.Results)
        {
            var key = OperationContracts.Key(description.HttpMethod ?? "", description.RelativePath ?? "");
            if (OperationContracts.ByRoute.GetValueOrDefault(key)?.Answers is not { } answers)
                continue;
            var responses = description.SupportedResponseTypes;
            foreach (var untyped in responses.Where(r => r.StatusCode == StatusCodes.Status200OK && (r.Type is null || r.Type == typeof(void))).ToList())
                responses.Remove(untyped);
            // A status with several bodies is described once here; the operation transformer makes it a oneOf of them.
            foreach (var (status, type) in answers.DistinctBy(a => a.Status))
            {
                responses.Add(new ApiResponseType
                {
                    StatusCode = status,
                    Type = type,
                    ApiResponseFormats = [new ApiResponseFormat { MediaType = "application/json" }],
                });
            }
        }
    }
}
