import { useAnalytics } from "./analytics";

export const useWalletMonitor = (wallet: { address: string }) => {
  const { track, txAnalytics } = useAnalytics();
  track("Wallet Connected", wallet);
  return (tx: Promise<unknown>) => tx.then(...txAnalytics("Wrap"));
};
