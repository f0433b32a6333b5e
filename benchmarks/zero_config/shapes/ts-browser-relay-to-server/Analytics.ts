type Message = { anonymousId?: string; event: string; properties?: object };

export function trackEvent(event: "modal_dismiss" | "video_clicked", properties: object): void {
    trackEventInternal(event, properties);
}

const trackEventInternal = (event: string, properties: object) => {
    sendTrackEvent({ anonymousId: "a1", event, properties });
};

export function sendTrackEvent(message: Message): void {
    fetch("/_analytics/trackEvent", { method: "POST", body: JSON.stringify(message) });
}

export const trackPathChange = (path: string) => trackEventInternal("path_changed", { path });
