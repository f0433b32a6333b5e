/** The backend's HTTP API (examples/messy/backend/enrich/app.py). */
export interface EnrichedContact {
  id: string;
  creditsUsed: number;
}

async function post<T>(path: string, body: unknown): Promise<T> {
  const response = await fetch(path, {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify(body),
  });
  if (!response.ok) {
    throw new Error(`${path} answered ${response.status}`);
  }
  return (await response.json()) as T;
}

export const createAccount = (email: string, method: string) =>
  post<{ userId: string }>("/signup", { email, method });

export const enrichContact = (contactId: string) =>
  post<EnrichedContact>(`/contacts/${contactId}/enrich`, {});

export const startRun = (workspaceId: string, contactIds: string[]) =>
  post<{ runId: string }>("/runs", { workspace_id: workspaceId, contact_ids: contactIds });
