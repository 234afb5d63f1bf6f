import { useEffect, useState } from 'react';
import { t } from '@/lib/i18n/messages';
import { browser } from 'wxt/browser';
import { storageProtectionItem, type StorageProtection } from '@/lib/auth/storage-access';

export function AboutSection() {
  const [protection, setProtection] = useState<StorageProtection | null>(null);
  useEffect(() => {
    void storageProtectionItem.getValue().then(setProtection);
  }, []);
  return (
    <section className="card stack" aria-labelledby="about-h">
      <h2 id="about-h">{t('about.title')}</h2>
      <p>{t('extName')} {browser.runtime.getManifest().version}</p>
      {protection === 'failed' && (
        <p role="alert" className="error-text" data-testid="opt-storage-unprotected">
          {t('about.unprotected')}
        </p>
      )}
      <ul className="muted" data-testid="opt-privacy">
        <li>{t('about.privacy1')}</li>
        <li>{t('about.privacy2')}</li>
        <li>{t('about.privacy3')}</li>
        <li>{t('about.privacy4')}</li>
        <li>{t('about.privacy5')}</li>
      </ul>
    </section>
  );
}
