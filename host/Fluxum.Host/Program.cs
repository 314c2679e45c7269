using Fluxum.Host.Cli;

// The CLI and its services. Each runtime command builds its IHost from one composition root, Hosting/FluxumServices.AddFluxum.
return await FluxumCli.InvokeAsync(args, CliServices.CreateDefault()).ConfigureAwait(false);
