namespace Fluxum.Plugins.Gemini.Tests.Support;

/// <summary>Awaits a condition over real sockets with a generous timeout (never a fixed sleep).</summary>
internal static class Eventually
{
    public static async Task True(Func<bool> condition, string what, int timeoutSeconds = 10)
    {
        var deadline = Environment.TickCount64 + (timeoutSeconds * 1000L);
        while (!condition())
        {
            if (Environment.TickCount64 > deadline)
            {
                Assert.Fail($"timed out after {timeoutSeconds} s waiting for: {what}");
            }

            await Task.Delay(20);
        }
    }
}
