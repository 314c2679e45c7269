namespace Fluxum.Plugins.Gemini.Tests.Support;

/// <summary>Awaits a condition over real sockets with a generous timeout (never a fixed sleep).</summary>
internal static class Eventually
{
    public static async Task True(Func<bool> condition, string what, int timeoutSeconds = 10)
    {
        var deadline = DateTime.UtcNow.AddSeconds(timeoutSeconds);
        while (!condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                Assert.Fail($"timed out after {timeoutSeconds} s waiting for: {what}");
            }

            await Task.Delay(20);
        }
    }
}
