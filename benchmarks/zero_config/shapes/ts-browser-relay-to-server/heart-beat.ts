export const dashboardClient = {
    trackEvent(msg: { event: string; properties?: object }) {
        window.parent.postMessage({ type: "ide-track-event", msg }, "*");
    },
};

export function onClose() {
    dashboardClient.trackEvent({ event: "ide_close_signal", properties: { clientKind: "supervisor" } });
}
