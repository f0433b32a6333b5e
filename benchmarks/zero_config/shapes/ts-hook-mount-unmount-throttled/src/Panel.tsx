import { useTrackMount } from "./analytics";

export const AssistPanel = ({ projectId }: { projectId: string }) => {
  useTrackMount({
    namespace: "Builder",
    mountAction: "AssistOpened",
    unmountAction: "AssistClosed",
    params: { projectId },
  });
  return <div />;
};
