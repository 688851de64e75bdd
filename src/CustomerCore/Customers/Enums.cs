namespace CustomerCore.Customers;

/// <summary>Says whether a customer is a natural person or an organization.</summary>
public enum CustomerKind
{
    /// <summary>A natural person.</summary>
    Person = 0,

    /// <summary>A company, institution or other organization.</summary>
    Organization = 1,
}

/// <summary>Names the stage of a customer in its lifecycle.</summary>
public enum LifecycleStage
{
    /// <summary>Known but has not bought yet.</summary>
    Prospect = 0,

    /// <summary>Made a first purchase recently.</summary>
    New = 1,

    /// <summary>Buys regularly.</summary>
    Active = 2,

    /// <summary>Buys often and has for a long time.</summary>
    Loyal = 3,

    /// <summary>Shows signs of slipping away.</summary>
    AtRisk = 4,

    /// <summary>Has stopped buying.</summary>
    Churned = 5,
}

/// <summary>Grades how creditworthy a customer is, from the host's own assessment.</summary>
public enum CreditRating
{
    /// <summary>Not assessed.</summary>
    Unrated = 0,

    /// <summary>Excellent credit (e.g. AAA).</summary>
    Excellent = 1,

    /// <summary>Good credit.</summary>
    Good = 2,

    /// <summary>Fair credit.</summary>
    Fair = 3,

    /// <summary>Poor credit: prepayment advised.</summary>
    Poor = 4,

    /// <summary>Blocked: no credit.</summary>
    Blocked = 5,
}

/// <summary>Names the kind of line a phone number is.</summary>
public enum PhoneType
{
    /// <summary>Not known or not determinable.</summary>
    Unknown = 0,

    /// <summary>A mobile number.</summary>
    Mobile = 1,

    /// <summary>A fixed line.</summary>
    Landline = 2,

    /// <summary>A fax line.</summary>
    Fax = 3,

    /// <summary>A toll-free or shared-cost service number.</summary>
    TollFree = 4,

    /// <summary>A VoIP, pager, premium or other number.</summary>
    Other = 5,
}

/// <summary>Names a contact's role in the customer's decision chain.</summary>
public enum DecisionRole
{
    /// <summary>Not known.</summary>
    Unknown = 0,

    /// <summary>Makes the final decision.</summary>
    DecisionMaker = 1,

    /// <summary>Holds the budget.</summary>
    EconomicBuyer = 2,

    /// <summary>Shapes the decision.</summary>
    Influencer = 3,

    /// <summary>Evaluates technically.</summary>
    TechnicalEvaluator = 4,

    /// <summary>Uses the product.</summary>
    User = 5,

    /// <summary>Controls access to the decision makers.</summary>
    Gatekeeper = 6,

    /// <summary>Argues for us inside the customer.</summary>
    Champion = 7,
}

/// <summary>Names the kind of an interaction with a customer.</summary>
public enum InteractionKind
{
    /// <summary>A phone call.</summary>
    Call = 0,

    /// <summary>An email.</summary>
    Email = 1,

    /// <summary>A meeting.</summary>
    Meeting = 2,

    /// <summary>A field visit.</summary>
    Visit = 3,

    /// <summary>A complaint.</summary>
    Complaint = 4,

    /// <summary>A free-text note.</summary>
    Note = 5,
}
