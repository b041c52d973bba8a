import { Modal as MantineModal, type ModalProps } from '@mantine/core';
import { useEffect, useState } from 'react';

/**
 * Mantine's Modal, whose focus also goes back to what opened it when the dialog is mounted already open and
 * unmounted on close (`{open && <Dialog opened … />}`, which resets its form): Mantine returns focus only
 * when `opened` turns false on a dialog that stays mounted. Use this one for every dialog of the app.
 */
export function Modal(props: ModalProps) {
  const [opener] = useState(() => document.activeElement);
  useEffect(
    () => () => {
      const el = opener;
      if (!(el instanceof HTMLElement)) return;
      // after Mantine's own return (10 ms), and only when focus was left nowhere
      setTimeout(() => {
        // a page (or a test's DOM) torn down meanwhile has no document left to move focus in
        if (typeof document === 'undefined') return;
        const now = document.activeElement;
        if (el.isConnected && (!now || now === document.body)) el.focus({ preventScroll: true });
      }, 20);
    },
    [opener],
  );
  return <MantineModal {...props} />;
}
