import { useId, useState } from 'react';
import { useI18n } from '../i18n/i18n-context';
import { FormError } from '../ui/form-error';

/** An export refused before it started, said in the page's words (not an error from the gateway). */
export class ExportRefused extends Error {}

export interface CsvFile {
  fileName: string;
  csv: string;
  rows: number;
}

function saveText(text: string, fileName: string): void {
  const url = URL.createObjectURL(new Blob([text], { type: 'text/csv;charset=utf-8' }));
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.rel = 'noopener';
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/**
 * "Export CSV" for a bureau page. The central agencies have no CSV query in the supergraph; the file is written here
 * from the same queries the page shows (each read logged by the cities, as for the page itself).
 */
export function CsvExportButton({ build }: { build(progress: (rows: number) => void): Promise<CsvFile> }) {
  const { t } = useI18n();
  const [busy, setBusy] = useState<number | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [done, setDone] = useState<string | null>(null);
  const [refusal, setRefusal] = useState<string | null>(null);
  const errorId = useId();

  async function run() {
    if (busy !== null) return;
    setBusy(0);
    setError(null);
    setDone(null);
    setRefusal(null);
    try {
      const file = await build((rows) => setBusy(rows));
      saveText(file.csv, file.fileName);
      setDone(t('bureau.exported', { fileName: file.fileName, count: file.rows }));
    } catch (caught) {
      if (caught instanceof ExportRefused) setRefusal(caught.message);
      else setError(caught);
    } finally {
      setBusy(null);
    }
  }

  return (
    <>
      <button type="button" className="button" aria-disabled={busy !== null} onClick={() => void run()}>
        {busy !== null ? t('bureau.exporting', { count: busy }) : t('bureau.export')}
      </button>
      <span className="field-ok" role="status">
        {done}
      </span>
      {refusal ? (
        <p className="field-error" role="alert">
          {refusal}
        </p>
      ) : (
        <FormError id={errorId} error={error} />
      )}
    </>
  );
}
