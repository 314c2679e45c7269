using Fluxum.Host.Plugins;
using Fluxum.Sdk.Plugins;

namespace Fluxum.Host.Tests.Plugins;

public sealed class ContractVersionPolicyTests
{
    [Theory]
    [InlineData("1.3.0.0", "1.3.0.0")]
    [InlineData("1.0.0.0", "1.3.0.0")]
    [InlineData("1.2.0.0", "1.3.0.0")]
    [InlineData("1.3.7.0", "1.3.0.0")]
    public void Check_SameMajorSameOrOlderMinor_Accepted(string compiledAgainst, string host) =>
        Assert.Null(ContractVersionPolicy.Check("p.dll", Version.Parse(compiledAgainst), Version.Parse(host)));

    [Theory]
    [InlineData("0.9.0.0", "1.3.0.0", "p.dll was compiled against contract Fluxum.Sdk 0.9, this host has Fluxum.Sdk 1.3: another major version is incompatible; rebuild the plugin against Fluxum.Sdk 1.x (at most 1.3)")]
    [InlineData("2.0.0.0", "1.3.0.0", "p.dll was compiled against contract Fluxum.Sdk 2.0, this host has Fluxum.Sdk 1.3: another major version is incompatible; rebuild the plugin against Fluxum.Sdk 1.x (at most 1.3)")]
    [InlineData("1.0.0.0", "2.1.0.0", "p.dll was compiled against contract Fluxum.Sdk 1.0, this host has Fluxum.Sdk 2.1: another major version is incompatible; rebuild the plugin against Fluxum.Sdk 2.x (at most 2.1)")]
    [InlineData("1.4.0.0", "1.3.0.0", "p.dll was compiled against contract Fluxum.Sdk 1.4, newer than this host's Fluxum.Sdk 1.3: it may use contract members this host lacks; run it on a host with Fluxum.Sdk 1.4 or later, or rebuild it against 1.3")]
    public void Check_OtherMajorOrNewerMinor_RefusedNamingBothVersions(string compiledAgainst, string host, string expected) =>
        Assert.Equal(expected, ContractVersionPolicy.Check("p.dll", Version.Parse(compiledAgainst), Version.Parse(host)));

    [Theory]
    [InlineData("1.1.0.0", "1.1")]
    [InlineData("1.1.2.0", "1.1.2")]
    [InlineData("1.1.0.4", "1.1.0.4")]
    public void Show_DropsZeroBuildAndRevision(string version, string expected) =>
        Assert.Equal(expected, ContractVersionPolicy.Show(Version.Parse(version)));

    [Fact]
    public void Read_ThisTestAssembly_IsTheContractItWasCompiledAgainst()
    {
        // This assembly references the host's Fluxum.Sdk, so the recorded reference is the host's version.
        var compiledAgainst = PluginContractReference.Read(typeof(ContractVersionPolicyTests).Assembly.Location);

        Assert.Equal(SdkInfo.Version, compiledAgainst);
        Assert.Equal(SdkInfo.Version, PluginContractReference.HostVersion);
    }
}
