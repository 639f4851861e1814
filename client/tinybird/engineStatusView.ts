// What the status bar shows for each state of the embedded engine.
import type { EngineStatus } from '../../server/protocol';

export interface EngineStatusView {
  text: string;
  tooltip: string;
  /** What a click does: install the engine when it is missing, else nothing. */
  command?: string;
  warning: boolean;
}

const ICONS: Record<EngineStatus['state'], string> = {
  starting: '$(sync~spin)',
  ready: '$(check)',
  off: '$(circle-slash)',
  unavailable: '$(cloud-download)',
  failed: '$(error)',
};

export function engineStatusView(status: EngineStatus): EngineStatusView {
  return {
    text: `${ICONS[status.state]} ClickHouse`,
    tooltip: status.message,
    command: status.state === 'unavailable' ? 'tinybird.installLocalEngine' : undefined,
    warning: status.state === 'failed',
  };
}
