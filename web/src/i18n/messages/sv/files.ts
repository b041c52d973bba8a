import type { files as en } from '../en/files.ts';

/** Filer på affärer och kontakter. */
export const files: Record<keyof typeof en, string> = {
  'files.title': 'Filer',
  'files.dropLabel': 'Ladda upp filer: släpp dem här eller tryck Enter för att välja',
  'files.dropHint': 'Släpp filer här eller klicka för att välja (högst 100 MB per fil)',
  'files.uploading': 'Laddar upp {name}',
  'files.uploadFailed': 'Det gick inte att ladda upp {name}: {reason}',
  'files.tooLarge': '{name} är större än {max}',
  'files.dismiss': 'Stäng',
  'files.loading': 'Hämtar filer',
  'files.none': 'Inga filer än',
  'files.remote': 'Länkad från Google Drive',
  'files.preview': 'Förhandsgranska {name}',
  'files.rename': 'Byt namn på {name}',
  'files.delete': 'Ta bort {name}',
  'files.renameTitle': 'Byt namn på fil',
  'files.name': 'Namn',
  'files.deleteTitle': 'Ta bort fil',
  'files.deleteText': 'Ta bort ”{name}”? Den kan återställas i 30 dagar.',
};
