import type { JSX } from 'preact';

// Decorative 24×24 line icons; the buttons that hold them carry the accessible name.
function Icon({ children }: { children: JSX.Element | JSX.Element[] }): JSX.Element {
  return (
    <svg
      class="icon"
      viewBox="0 0 24 24"
      width="24"
      height="24"
      fill="none"
      stroke="currentColor"
      stroke-width="2"
      stroke-linecap="round"
      stroke-linejoin="round"
      aria-hidden="true"
      focusable="false"
    >
      {children}
    </svg>
  );
}

export function FlipCameraIcon(): JSX.Element {
  return (
    <Icon>
      <path d="M4 8h3l2-2.5h6L17 8h3v11H4z" />
      <path d="M9 13.5a3 3 0 0 1 5.4-1.8M15 13.5a3 3 0 0 1-5.4 1.8" />
      <path d="M14.6 9.8v2h-2M9.4 17.2v-2h2" />
    </Icon>
  );
}

export function MicIcon(): JSX.Element {
  return (
    <Icon>
      <rect x="9" y="3" width="6" height="11" rx="3" />
      <path d="M5.5 11a6.5 6.5 0 0 0 13 0M12 17.5V21" />
    </Icon>
  );
}

export function MicOffIcon(): JSX.Element {
  return (
    <Icon>
      <path d="M15 9.5V6a3 3 0 0 0-5.8-1M9 9v2a3 3 0 0 0 4.6 2.5" />
      <path d="M5.5 11a6.5 6.5 0 0 0 10.4 5.2M18.5 11a6.4 6.4 0 0 1-.6 2.7M12 17.5V21M3 3l18 18" />
    </Icon>
  );
}

export function ChatIcon(): JSX.Element {
  return (
    <Icon>
      <path d="M4 5h16v11H10l-5 4v-4H4z" />
    </Icon>
  );
}

export function EndCallIcon(): JSX.Element {
  return (
    <Icon>
      <path d="M3 14.5c5-4.7 13-4.7 18 0l-2.3 2.7-3.6-1.4v-2.6a10 10 0 0 0-6.2 0v2.6l-3.6 1.4z" />
    </Icon>
  );
}

export function SendIcon(): JSX.Element {
  return (
    <Icon>
      <path d="M4 12 20 4l-5 16-3-7z" />
      <path d="m12 13 8-9" />
    </Icon>
  );
}

export function CameraPlusIcon(): JSX.Element {
  return (
    <Icon>
      <path d="M4 8h3l2-2.5h6L17 8h3v11H4z" />
      <path d="M12 10.5v5M9.5 13h5" />
    </Icon>
  );
}

export function TorchIcon(): JSX.Element {
  return (
    <Icon>
      <path d="M8 3h8v4l-2 3v11h-4V10L8 7z" />
      <path d="M12 13.5v2" />
    </Icon>
  );
}

export function PointerIcon(): JSX.Element {
  return (
    <Icon>
      <circle cx="12" cy="12" r="3" />
      <path d="M12 3v3M12 18v3M3 12h3M18 12h3" />
    </Icon>
  );
}

export function CircleToolIcon(): JSX.Element {
  return (
    <Icon>
      <ellipse cx="12" cy="12" rx="8.5" ry="7" />
    </Icon>
  );
}

export function ArrowToolIcon(): JSX.Element {
  return (
    <Icon>
      <path d="M5 19 19 5M10 5h9v9" />
    </Icon>
  );
}

export function PenIcon(): JSX.Element {
  return (
    <Icon>
      <path d="M4 20l1-4L16.5 4.5a2.1 2.1 0 0 1 3 3L8 19z" />
      <path d="M14.5 6.5l3 3" />
    </Icon>
  );
}

export function TextToolIcon(): JSX.Element {
  return (
    <Icon>
      <path d="M5 6V4h14v2M12 4v16M9 20h6" />
    </Icon>
  );
}

export function UndoIcon(): JSX.Element {
  return (
    <Icon>
      <path d="M9 14 4 9l5-5" />
      <path d="M4 9h10a6 6 0 0 1 0 12h-3" />
    </Icon>
  );
}

export function ClearIcon(): JSX.Element {
  return (
    <Icon>
      <path d="M4 7h16M10 11v6M14 11v6M6 7l1 13h10l1-13M9 7V4h6v3" />
    </Icon>
  );
}

export function PinIcon(): JSX.Element {
  return (
    <Icon>
      <path d="M9 4h6l-1 6 3 3H7l3-3z" />
      <path d="M12 13v8" />
    </Icon>
  );
}

export function PauseIcon(): JSX.Element {
  return (
    <Icon>
      <path d="M8 5v14M16 5v14" />
    </Icon>
  );
}

export function PlayIcon(): JSX.Element {
  return (
    <Icon>
      <path d="M7 4.5v15l12-7.5z" />
    </Icon>
  );
}

export function DownloadIcon(): JSX.Element {
  return (
    <Icon>
      <path d="M12 4v11M7 10l5 5 5-5M5 20h14" />
    </Icon>
  );
}

/** A download arrow beside a pen stroke: the snapshot with the drawings on it. */
export function DownloadAnnotatedIcon(): JSX.Element {
  return (
    <Icon>
      <path d="M8 4v10M4 10l4 4 4-4M3 20h10" />
      <path d="M15 19l.6-2.4 4.6-4.6a1.3 1.3 0 0 1 1.8 1.8l-4.6 4.6z" />
    </Icon>
  );
}

/** Draws selection corners around lines of text. */
export function ReadBoxIcon(): JSX.Element {
  return (
    <Icon>
      <path d="M3 7V4h3M18 4h3v3M21 17v3h-3M6 20H3v-3" />
      <path d="M7 10h10M7 14h6" />
    </Icon>
  );
}

/** Draws scanner corners around a barcode. */
export function ScanIcon(): JSX.Element {
  return (
    <Icon>
      <path d="M3 7V4h3M18 4h3v3M21 17v3h-3M6 20H3v-3" />
      <path d="M7 8v8M10 8v8M13.5 8v8M17 8v8" />
    </Icon>
  );
}
