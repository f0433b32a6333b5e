import { useAnalytics } from '@acme/lib/hooks/use-analytics';

export function SignupForm({ email }: { email: string }) {
  const analytics = useAnalytics();

  const onSubmit = () => {
    analytics.capture('App: User Sign Up', { email });
  };

  return <form onSubmit={onSubmit} />;
}
