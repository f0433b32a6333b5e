import { trackEvent } from "./Analytics";

export function onDismiss(title: string) {
    trackEvent("modal_dismiss", { title });
}
