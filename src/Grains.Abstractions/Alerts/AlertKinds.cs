namespace Bengkulu112.Alerts;

/// <summary>The `kind` codes of alerts (API.md; the list may grow).</summary>
public static class AlertKinds
{
    /// <summary>A deadline of the ticket passed before its step was reached.</summary>
    public const string SlaBreached = "sla.breached";

    /// <summary>The OPD did not acknowledge in time: supervisors must act (the backup OPD, if any, is offered the ticket).</summary>
    public const string EscalationOverdue = "escalation.overdue";
}
