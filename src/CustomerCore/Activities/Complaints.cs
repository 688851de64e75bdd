using CustomerCore.Customers;

namespace CustomerCore.Activities;

/// <summary>Identifies a complaint.</summary>
/// <param name="Value">The underlying GUID.</param>
public readonly record struct ComplaintId(Guid Value)
{
    /// <summary>Creates a new time-ordered id.</summary>
    /// <returns>The id.</returns>
    public static ComplaintId New() => new(Guid.CreateVersion7());

    /// <summary>Returns the id in its canonical text form.</summary>
    /// <returns>The GUID in <c>D</c> format.</returns>
    public override string ToString() => Value.ToString("D");
}

/// <summary>Names the states of the complaint workflow: received → recorded → analysing → resolved → feedback given.</summary>
public enum ComplaintState
{
    /// <summary>The complaint arrived and is not yet recorded.</summary>
    Received = 0,

    /// <summary>The complaint is recorded with its details and owner.</summary>
    Recorded = 1,

    /// <summary>The owner analyses the cause.</summary>
    Analysing = 2,

    /// <summary>A resolution was applied.</summary>
    Resolved = 3,

    /// <summary>The customer gave feedback on the resolution; the workflow is closed.</summary>
    FeedbackGiven = 4,
}

/// <summary>Names the actions that move a complaint between states.</summary>
public enum ComplaintAction
{
    /// <summary>Records a received complaint (Received → Recorded).</summary>
    Record = 0,

    /// <summary>Starts analysing (Recorded → Analysing).</summary>
    StartAnalysis = 1,

    /// <summary>Resolves it (Analysing → Resolved).</summary>
    Resolve = 2,

    /// <summary>Records the customer's feedback (Resolved → FeedbackGiven).</summary>
    GiveFeedback = 3,

    /// <summary>Reopens a resolved or closed complaint (Resolved or FeedbackGiven → Analysing).</summary>
    Reopen = 4,
}

/// <summary>Names why a complaint transition was refused.</summary>
public enum ComplaintError
{
    /// <summary>The action is not allowed in the complaint's current state.</summary>
    IllegalTransition = 0,

    /// <summary>The action's time is before the complaint's last change.</summary>
    TimeBeforeLastChange = 1,

    /// <summary>The action is not a defined <see cref="ComplaintAction"/>.</summary>
    UnknownAction = 2,
}

/// <summary>Represents one step in a complaint's history.</summary>
/// <param name="From">The state before.</param>
/// <param name="To">The state after.</param>
/// <param name="Action">The action taken.</param>
/// <param name="At">When it was taken.</param>
/// <param name="ActorId">Who took it.</param>
public sealed record ComplaintStep(ComplaintState From, ComplaintState To, ComplaintAction Action, DateTimeOffset At, string ActorId);

/// <summary>Represents a customer complaint moving through the complaint workflow.</summary>
public sealed record Complaint
{
    /// <summary>Gets the id.</summary>
    public required ComplaintId Id { get; init; }

    /// <summary>Gets the customer who complained.</summary>
    public required CustomerId CustomerId { get; init; }

    /// <summary>Gets the id of the user who owns the complaint's handling.</summary>
    public required string OwnerId { get; init; }

    /// <summary>Gets the subject.</summary>
    public required string Subject { get; init; }

    /// <summary>Gets the current state.</summary>
    public ComplaintState State { get; init; }

    /// <summary>Gets when the complaint was received.</summary>
    public DateTimeOffset ReceivedAt { get; init; }

    /// <summary>Gets when it must be resolved by.</summary>
    public DateTimeOffset ResolveBy { get; init; }

    /// <summary>Gets when the state last changed.</summary>
    public DateTimeOffset LastChangedAt { get; init; }

    /// <summary>Gets when it was last resolved, or <see langword="null"/>.</summary>
    public DateTimeOffset? ResolvedAt { get; init; }

    /// <summary>Gets the steps taken, oldest first.</summary>
    public IReadOnlyList<ComplaintStep> History { get; init; } = [];

    /// <summary>Determines whether the complaint is unresolved past its deadline.</summary>
    /// <param name="asOf">The time to judge at.</param>
    /// <returns><see langword="true"/> when not resolved (or reopened) and <paramref name="asOf"/> is after <see cref="ResolveBy"/>.</returns>
    public bool IsOverdue(DateTimeOffset asOf) => State is ComplaintState.Received or ComplaintState.Recorded or ComplaintState.Analysing && asOf > ResolveBy;
}

/// <summary>Holds the outcome of a complaint transition: the changed complaint, or why it was refused.</summary>
public sealed class ComplaintTransitionResult
{
    private ComplaintTransitionResult(Complaint complaint, ComplaintError? error)
    {
        Complaint = complaint;
        Error = error;
    }

    /// <summary>Gets the complaint after the transition, or unchanged when refused.</summary>
    public Complaint Complaint { get; }

    /// <summary>Gets why the transition was refused, or <see langword="null"/> when it succeeded.</summary>
    public ComplaintError? Error { get; }

    /// <summary>Gets a value indicating whether the transition happened.</summary>
    public bool IsSuccess => Error is null;

    internal static ComplaintTransitionResult Success(Complaint complaint) => new(complaint, null);

    internal static ComplaintTransitionResult Failure(Complaint complaint, ComplaintError error) => new(complaint, error);
}

/// <summary>Applies the complaint workflow: an explicit state machine whose illegal transitions are refused with a typed result.</summary>
/// <remarks>Pure and thread-safe. Transitions: Received –Record→ Recorded –StartAnalysis→ Analysing –Resolve→ Resolved
/// –GiveFeedback→ FeedbackGiven; Reopen takes Resolved or FeedbackGiven back to Analysing.</remarks>
public static class ComplaintWorkflow
{
    /// <summary>Opens a new complaint in the <see cref="ComplaintState.Received"/> state.</summary>
    /// <param name="customerId">The customer.</param>
    /// <param name="ownerId">The user who owns the handling.</param>
    /// <param name="subject">The subject.</param>
    /// <param name="receivedAt">When it was received.</param>
    /// <param name="resolveWithin">How long the owner has to resolve it.</param>
    /// <returns>The complaint.</returns>
    /// <exception cref="ArgumentException">The owner or subject is blank.</exception>
    /// <exception cref="ArgumentOutOfRangeException">The resolution time is not positive.</exception>
    public static Complaint Open(CustomerId customerId, string ownerId, string subject, DateTimeOffset receivedAt, TimeSpan resolveWithin)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(ownerId);
        ArgumentException.ThrowIfNullOrWhiteSpace(subject);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(resolveWithin, TimeSpan.Zero);
        return new Complaint
        {
            Id = ComplaintId.New(),
            CustomerId = customerId,
            OwnerId = ownerId,
            Subject = subject,
            State = ComplaintState.Received,
            ReceivedAt = receivedAt,
            LastChangedAt = receivedAt,
            ResolveBy = receivedAt + resolveWithin,
        };
    }

    /// <summary>Gets the state an action leads to from a state, or <see langword="null"/> when the action is illegal there.</summary>
    /// <param name="from">The current state.</param>
    /// <param name="action">The action.</param>
    /// <returns>The next state, or <see langword="null"/>.</returns>
    public static ComplaintState? Next(ComplaintState from, ComplaintAction action) => (from, action) switch
    {
        (ComplaintState.Received, ComplaintAction.Record) => ComplaintState.Recorded,
        (ComplaintState.Recorded, ComplaintAction.StartAnalysis) => ComplaintState.Analysing,
        (ComplaintState.Analysing, ComplaintAction.Resolve) => ComplaintState.Resolved,
        (ComplaintState.Resolved, ComplaintAction.GiveFeedback) => ComplaintState.FeedbackGiven,
        (ComplaintState.Resolved or ComplaintState.FeedbackGiven, ComplaintAction.Reopen) => ComplaintState.Analysing,
        _ => null,
    };

    /// <summary>Applies an action to a complaint.</summary>
    /// <param name="complaint">The complaint.</param>
    /// <param name="action">The action.</param>
    /// <param name="actorId">Who takes it.</param>
    /// <param name="at">When it is taken.</param>
    /// <returns>The changed complaint, or the reason the action was refused.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="complaint"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="actorId"/> is blank.</exception>
    public static ComplaintTransitionResult Apply(Complaint complaint, ComplaintAction action, string actorId, DateTimeOffset at)
    {
        ArgumentNullException.ThrowIfNull(complaint);
        ArgumentException.ThrowIfNullOrWhiteSpace(actorId);
        if (!Enum.IsDefined(action))
        {
            return ComplaintTransitionResult.Failure(complaint, ComplaintError.UnknownAction);
        }

        if (Next(complaint.State, action) is not { } next)
        {
            return ComplaintTransitionResult.Failure(complaint, ComplaintError.IllegalTransition);
        }

        if (at < complaint.LastChangedAt)
        {
            return ComplaintTransitionResult.Failure(complaint, ComplaintError.TimeBeforeLastChange);
        }

        return ComplaintTransitionResult.Success(complaint with
        {
            State = next,
            LastChangedAt = at,
            ResolvedAt = next == ComplaintState.Resolved ? at : complaint.ResolvedAt,
            History = [.. complaint.History, new ComplaintStep(complaint.State, next, action, at, actorId)],
        });
    }
}
