import { useEffect } from "react";

import { useTrack } from "../analytics/track";

interface Invoice {
  id: string;
  amountCents: number;
  paid: boolean;
}

export function BillingPage({ invoices }: { invoices: Invoice[] }) {
  const track = useTrack();
  useEffect(() => {
    track("billing_page_visited");
  }, [track];

  return (
    <section>
      <h1>Billing</h1>
      <ul>
        {invoices.map((invoice) => (
          <li key={invoice.id}>
            {invoice.id}: {(invoice.amountCents / 100).toFixed(2)} USD
            {!invoice.paid && <a href={`/billing/invoices/${invoice.id}/pay`}>Pay now</a>}
          </li>
        ))}
      </ul>
    </section>
  );
}
