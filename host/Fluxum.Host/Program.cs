using Fluxum.Host.Cli;

// The composition root: the CLI and its services. Runtime commands are wired in CliServices.
return await FluxumCli.InvokeAsync(args, CliServices.CreateDefault()).ConfigureAwait(false);
