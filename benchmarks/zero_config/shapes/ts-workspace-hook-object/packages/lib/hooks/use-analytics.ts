let posthogPromise: Promise<typeof import('posthog-js')> | null = null;

const getPosthog = async () => {
  if (!posthogPromise) {
    posthogPromise = import('posthog-js');
  }
  return posthogPromise;
};

export function useAnalytics() {
  const capture = (event: string, properties?: Record<string, unknown>) => {
    void getPosthog().then(({ default: posthog }) => {
      posthog.capture(event, properties);
    });
  };

  return { capture };
}
