using System.Globalization;
using Ical.Net;
using Ical.Net.CalendarComponents;
using Ical.Net.DataTypes;
using Ical.Net.Serialization;
using Weft.Market.Persistence;

namespace Weft.Market.Messages;

/// <summary>
/// A meeting as a calendar invitation (iCalendar, RFC 5545/5546): METHOD:REQUEST while it stands, METHOD:CANCEL once it is
/// declined or cancelled; the same UID every time and the meeting's SEQUENCE, so a calendar updates the one event; the
/// proposer as ORGANIZER, every member of both organizations as an ATTENDEE; the link as LOCATION and URL and in the description.
/// </summary>
internal static class MeetingInvitations
{
    public const string Request = "REQUEST";
    public const string Cancel = "CANCEL";

    public sealed record Person(string Email, string Name);

    public static string MethodOf(MeetingRecord meeting) => MeetingStates.Off(meeting.State) ? Cancel : Request;

    public static string Render(MeetingRecord meeting, string subject, IReadOnlyList<Person> attendees, DateTime now)
    {
        var method = MethodOf(meeting);
        var calendar = new Ical.Net.Calendar { ProductId = "-//Weft//Market meetings//EN", Method = method };
        var start = DateTime.SpecifyKind(meeting.StartsAt, DateTimeKind.Utc);
        var e = new CalendarEvent
        {
            Uid = meeting.Uid,
            Sequence = meeting.Sequence,
            Summary = meeting.Title,
            Description = Description(meeting, subject),
            Location = meeting.Link,
            Url = new Uri(meeting.Link),
            DtStart = new CalDateTime(start),
            DtEnd = new CalDateTime(start.AddMinutes(meeting.DurationMinutes)),
            DtStamp = new CalDateTime(DateTime.SpecifyKind(now, DateTimeKind.Utc)),
            Status = method == Cancel ? EventStatus.Cancelled : meeting.State == MeetingStates.Accepted ? EventStatus.Confirmed : EventStatus.Tentative,
        };
        if (meeting.ProposedByEmail.Length > 0) e.Organizer = new Organizer("mailto:" + meeting.ProposedByEmail) { CommonName = meeting.ProposedByName };
        foreach (var person in attendees)
            e.Attendees.Add(new Attendee("mailto:" + person.Email)
            {
                CommonName = person.Name, Role = "REQ-PARTICIPANT", Rsvp = false,
                ParticipationStatus = meeting.State == MeetingStates.Accepted ? "ACCEPTED" : method == Cancel ? "DECLINED" : "NEEDS-ACTION",
            });
        calendar.Events.Add(e);
        return new CalendarSerializer().SerializeToString(calendar)!;
    }

    public static string Description(MeetingRecord meeting, string subject)
    {
        var text = $"{meeting.Title}\nAbout: {subject}\nWhen: {meeting.StartsAt.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture)} UTC, {meeting.DurationMinutes} minutes\nJoin: {meeting.Link}";
        return meeting.Agenda.Length > 0 ? text + "\n\nAgenda:\n" + meeting.Agenda : text;
    }
}
