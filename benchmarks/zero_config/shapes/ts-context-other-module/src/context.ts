import { createContext } from "react";

export type Analytics = { track: (event: string, properties?: Record<string, unknown>) => void };

export const AnalyticsContext = createContext<Analytics | null>(null);
