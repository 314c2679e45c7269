using System.CommandLine;
using System.Net.Http.Headers;
using Fluxum.Host.Operations.Live;

namespace Fluxum.Host.Cli.Commands;

/// <summary>
/// <c>fluxum top [--url http://127.0.0.1:9464/] [--token-env NAME] [--duration 30s]</c>: the live view of a running
/// deployment, read from its admin server's <c>/status</c> every second. On a redirected output one text snapshot is
/// printed per second instead. Exits 1 when the admin server cannot be reached or refuses the token.
/// </summary>
internal static class TopCommand
{
    public static Command Create(CliServices services)
    {
        var url = new Option<Uri>("--url")
        {
            Description = "The admin server of the running deployment (admin: { listen } in its fluxum.yaml).",
            DefaultValueFactory = _ => new Uri("http://127.0.0.1:9464/"),
            CustomParser = ParseUrl,
        };
        var tokenEnv = new Option<string?>("--token-env") { Description = "An environment variable holding the admin server's bearer token (admin.token_env)." };
        var duration = CommonOptions.Duration();
        var command = new Command("top", "Watch a running deployment through its admin server: sessions, books, best bid/offer, data-quality events.")
        {
            url,
            tokenEnv,
            duration,
        };
        command.SetAction(async (result, cancellationToken) =>
        {
            using var deadline = new CommandDeadline(result.GetValue(duration), services.Time, cancellationToken);
            return await RunAsync(services, result.GetValue(url)!, result.GetValue(tokenEnv), deadline.Token).ConfigureAwait(false);
        });
        return command;
    }

    private static async Task<int> RunAsync(CliServices services, Uri url, string? tokenEnv, CancellationToken cancellationToken)
    {
        using var http = new HttpClient { BaseAddress = url, Timeout = TimeSpan.FromSeconds(5) };
        if (tokenEnv is not null)
        {
            if (Environment.GetEnvironmentVariable(tokenEnv) is not { Length: > 0 } token)
            {
                await services.Error.WriteLineAsync($"fluxum top: the environment variable {tokenEnv} (--token-env) is not set").ConfigureAwait(false);
                return ExitCodes.NotStarted;
            }

            http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        var title = $"fluxum top {url}";
        LiveModel? model = null;
        try
        {
            model = LiveModel.From(await StatusAsync(http, cancellationToken).ConfigureAwait(false), services.Time.GetUtcNow(), null);
            if (LiveView.CanDraw(services.Console))
            {
                await LiveView.ShowAsync(
                    services.Console,
                    title,
                    model,
                    async previous => LiveModel.From(await StatusAsync(http, cancellationToken).ConfigureAwait(false), services.Time.GetUtcNow(), previous),
                    services.Time,
                    cancellationToken).ConfigureAwait(false);
            }
            else
            {
                using var timer = new PeriodicTimer(LiveView.Interval, services.Time);
                do
                {
                    await LiveText.WriteAsync(model, services.Out).ConfigureAwait(false);
                    await timer.WaitForNextTickAsync(cancellationToken).ConfigureAwait(false);
                    model = LiveModel.From(await StatusAsync(http, cancellationToken).ConfigureAwait(false), services.Time.GetUtcNow(), model);
                }
                while (!cancellationToken.IsCancellationRequested);
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            return ExitCodes.Success; // --duration or Ctrl+C
        }
        catch (HttpRequestException e)
        {
            await services.Error.WriteLineAsync($"fluxum top: {url}status: {e.Message}").ConfigureAwait(false);
            return ExitCodes.NotStarted;
        }
        catch (TaskCanceledException)
        {
            await services.Error.WriteLineAsync($"fluxum top: {url}status did not answer within 5 s").ConfigureAwait(false);
            return ExitCodes.NotStarted;
        }

        return ExitCodes.Success;
    }

    private static Uri? ParseUrl(System.CommandLine.Parsing.ArgumentResult result)
    {
        var text = result.Tokens.Count > 0 ? result.Tokens[0].Value : string.Empty;
        if (Uri.TryCreate(text.EndsWith('/') ? text : text + "/", UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https")
        {
            return uri;
        }

        result.AddError($"'{text}' is not an http(s) address of an admin server, e.g. http://127.0.0.1:9464/");
        return null;
    }

    private static async Task<string> StatusAsync(HttpClient http, CancellationToken cancellationToken)
    {
        using var answer = await http.GetAsync(new Uri("status", UriKind.Relative), cancellationToken).ConfigureAwait(false);
        if (!answer.IsSuccessStatusCode)
        {
            throw new HttpRequestException($"answered {(int)answer.StatusCode} {answer.ReasonPhrase}{(answer.StatusCode == System.Net.HttpStatusCode.Unauthorized ? " (give the token with --token-env)" : string.Empty)}");
        }

        return await answer.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
    }
}
