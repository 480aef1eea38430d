namespace VMessPlugins.Plugins.VMess.Outbound;

/// <summary>The outbound-wide inputs of the header choice (see <see cref="AeadExperiment"/>) and the length option.</summary>
/// <param name="ForceAead">testsEnabled has "VMessAEAD".</param>
/// <param name="Experiment">VMESSAEADEXPERIMENT: true forces AEAD, false forces legacy, null leaves it to alterId.</param>
/// <param name="AuthenticatedLength">testsEnabled has "AuthenticatedLength".</param>
internal sealed record HeaderChoice(bool ForceAead, bool? Experiment, bool AuthenticatedLength);
