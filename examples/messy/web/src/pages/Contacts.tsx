import { useContext, useRef } from "react";

import { type AppEventName, AppEvents } from "../analytics/events";
import { SessionContext, useTrack } from "../analytics/track";
import { enrichContact, startRun } from "../api";

interface Contact {
  id: string;
  name: string;
  linkedinUrl?: string;
}

type ExportFormat = "csv" | "xlsx";

export function ContactTable({ contacts }: { contacts: Contact[] }) {
  const track = useTrack();
  const session = useContext(SessionContext);
  const format = useRef<ExportFormat>("csv");

  const enrichFromLinkedin = async (contact: Contact) => {
    const enriched = await enrichContact(contact.id);
    track(AppEvents.ContactEnriched, { source: "linkedin", credits_used: enriched.creditsUsed });
  };
  const enrichAll = async () => {
    const ids = contacts.map((contact) => contact.id);
    await startRun(session.workspaceId, ids);
    track(AppEvents.EnrichmentRunStarted, { contact_count: ids.length });
  };

  const exportSelected = () => {
    track(`enrichment_${format.current}_exported` as AppEventName, { contact_count: contacts.length });
    window.location.assign(`/contacts/export.${format.current}`);
  };

  return (
    <table>
      <caption>
        <button onClick={enrichAll}>Enrich all</button>
        <select onChange={(e) => (format.current = e.target.value as ExportFormat)}>
          <option>csv</option>
          <option>xlsx</option>
        </select>
        <button onClick={exportSelected}>Export</button>
      </caption>
      <tbody>
        {contacts.map((contact) => (
          <tr key={contact.id}>
            <td>{contact.name}</td>
            <td>
              {contact.linkedinUrl && (
                <button onClick={() => enrichFromLinkedin(contact)}>Enrich from LinkedIn</button>
              )}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
