import { pickLanguage } from './pick-language';

/** The widget's own UI strings (site texts come from the site configuration). */
export interface UiStrings {
  acceptAll: string;
  rejectAll: string;
  customise: string;
  save: string;
  close: string;
  preferencesTitle: string;
  /** Label of the small persistent button that reopens the preferences. */
  reopen: string;
  /** The CCPA/CPRA opt-out link; the English text is the statutory wording. */
  doNotSell: string;
  optOutDone: string;
  gpcHonoured: string;
  alwaysActive: string;
  separateConsent: string;
  legalBasis: string;
  /** Contains `{days}`. */
  retention: string;
  services: string;
  recipients: string;
  /** Contains `{name}`, `{country}` and `{contact}`. */
  recipientIn: string;
  receiptTitle: string;
  /** Contains `{id}` and `{date}`. */
  receiptSaved: string;
  receiptPending: string;
  downloadReceipt: string;
  withdrawAll: string;
  on: string;
  off: string;
  /** Human names of the legal bases. */
  basis: Record<
    | 'consent'
    | 'contract'
    | 'legal_obligation'
    | 'vital_interests'
    | 'public_task'
    | 'legitimate_interests',
    string
  >;
}

const en: UiStrings = {
  acceptAll: 'Accept all',
  rejectAll: 'Reject all',
  customise: 'Customise',
  save: 'Save choices',
  close: 'Close',
  preferencesTitle: 'Privacy preferences',
  reopen: 'Privacy settings',
  doNotSell: 'Do Not Sell or Share My Personal Information',
  optOutDone: 'You have opted out of the sale and sharing of your personal information.',
  gpcHonoured:
    "Your browser's Global Privacy Control signal is honoured: sale, sharing and targeted advertising stay off.",
  alwaysActive: 'Always active',
  separateConsent: 'Needs your separate consent',
  legalBasis: 'Legal basis',
  retention: 'Kept for {days} days',
  services: 'Services',
  recipients: 'Recipients',
  recipientIn: '{name} ({country}), contact: {contact}',
  receiptTitle: 'Your consent receipt',
  receiptSaved: 'Your choices were saved. Receipt {id}, recorded {date}.',
  receiptPending: 'Your choices were saved; the receipt will follow when the connection is back.',
  downloadReceipt: 'Download receipt',
  withdrawAll: 'Withdraw all consents',
  on: 'On',
  off: 'Off',
  basis: {
    consent: 'Consent',
    contract: 'Contract',
    legal_obligation: 'Legal obligation',
    vital_interests: 'Vital interests',
    public_task: 'Public task',
    legitimate_interests: 'Legitimate interests',
  },
};

/** The built-in UI strings by language tag (zh-Hans and zh-Hant by script; pt uses Brazilian usage). */
export const STRINGS: Record<string, UiStrings> = {
  en,
  de: {
    acceptAll: 'Alle akzeptieren',
    rejectAll: 'Alle ablehnen',
    customise: 'Anpassen',
    save: 'Auswahl speichern',
    close: 'Schließen',
    preferencesTitle: 'Datenschutzpräferenzen',
    reopen: 'Datenschutzeinstellungen',
    doNotSell: 'Meine personenbezogenen Daten nicht verkaufen oder weitergeben',
    optOutDone:
      'Sie haben dem Verkauf und der Weitergabe Ihrer personenbezogenen Daten widersprochen.',
    gpcHonoured:
      'Das Global-Privacy-Control-Signal Ihres Browsers wird berücksichtigt: Verkauf, Weitergabe und zielgerichtete Werbung bleiben deaktiviert.',
    alwaysActive: 'Immer aktiv',
    separateConsent: 'Erfordert Ihre gesonderte Einwilligung',
    legalBasis: 'Rechtsgrundlage',
    retention: 'Speicherdauer: {days} Tage',
    services: 'Dienste',
    recipients: 'Empfänger',
    recipientIn: '{name} ({country}), Kontakt: {contact}',
    receiptTitle: 'Ihr Einwilligungsnachweis',
    receiptSaved: 'Ihre Auswahl wurde gespeichert. Nachweis {id}, erfasst am {date}.',
    receiptPending:
      'Ihre Auswahl wurde gespeichert; der Nachweis folgt, sobald die Verbindung wiederhergestellt ist.',
    downloadReceipt: 'Nachweis herunterladen',
    withdrawAll: 'Alle Einwilligungen widerrufen',
    on: 'Ein',
    off: 'Aus',
    basis: {
      consent: 'Einwilligung',
      contract: 'Vertragserfüllung',
      legal_obligation: 'Rechtliche Verpflichtung',
      vital_interests: 'Lebenswichtige Interessen',
      public_task: 'Aufgabe im öffentlichen Interesse',
      legitimate_interests: 'Berechtigte Interessen',
    },
  },
  fr: {
    acceptAll: 'Tout accepter',
    rejectAll: 'Tout refuser',
    customise: 'Personnaliser',
    save: 'Enregistrer mes choix',
    close: 'Fermer',
    preferencesTitle: 'Préférences de confidentialité',
    reopen: 'Paramètres de confidentialité',
    doNotSell: 'Ne pas vendre ni partager mes informations personnelles',
    optOutDone: 'Vous avez refusé la vente et le partage de vos informations personnelles.',
    gpcHonoured:
      'Le signal Global Privacy Control de votre navigateur est respecté\u00a0: la vente, le partage et la publicité ciblée restent désactivés.',
    alwaysActive: 'Toujours actif',
    separateConsent: 'Nécessite votre consentement distinct',
    legalBasis: 'Base légale',
    retention: 'Durée de conservation\u00a0: {days}\u00a0jours',
    services: 'Services',
    recipients: 'Destinataires',
    recipientIn: '{name} ({country}), contact\u00a0: {contact}',
    receiptTitle: 'Votre reçu de consentement',
    receiptSaved: 'Vos choix ont été enregistrés. Reçu {id}, établi le {date}.',
    receiptPending:
      'Vos choix ont été enregistrés\u00a0; le reçu suivra dès le rétablissement de la connexion.',
    downloadReceipt: 'Télécharger le reçu',
    withdrawAll: 'Retirer tous les consentements',
    on: 'Activé',
    off: 'Désactivé',
    basis: {
      consent: 'Consentement',
      contract: 'Exécution d’un contrat',
      legal_obligation: 'Obligation légale',
      vital_interests: 'Sauvegarde des intérêts vitaux',
      public_task: 'Mission d’intérêt public',
      legitimate_interests: 'Intérêts légitimes',
    },
  },
  es: {
    acceptAll: 'Aceptar todo',
    rejectAll: 'Rechazar todo',
    customise: 'Personalizar',
    save: 'Guardar selección',
    close: 'Cerrar',
    preferencesTitle: 'Preferencias de privacidad',
    reopen: 'Configuración de privacidad',
    doNotSell: 'No vender ni compartir mi información personal',
    optOutDone: 'Ha optado por no permitir la venta ni el intercambio de su información personal.',
    gpcHonoured:
      'Se respeta la señal Global Privacy Control de su navegador: la venta, el intercambio y la publicidad dirigida permanecen desactivados.',
    alwaysActive: 'Siempre activo',
    separateConsent: 'Requiere su consentimiento por separado',
    legalBasis: 'Base jurídica',
    retention: 'Plazo de conservación: {days} días',
    services: 'Servicios',
    recipients: 'Destinatarios',
    recipientIn: '{name} ({country}), contacto: {contact}',
    receiptTitle: 'Su comprobante de consentimiento',
    receiptSaved: 'Su selección se ha guardado. Comprobante {id}, registrado el {date}.',
    receiptPending:
      'Su selección se ha guardado; el comprobante llegará cuando se restablezca la conexión.',
    downloadReceipt: 'Descargar comprobante',
    withdrawAll: 'Retirar todos los consentimientos',
    on: 'Activado',
    off: 'Desactivado',
    basis: {
      consent: 'Consentimiento',
      contract: 'Ejecución de un contrato',
      legal_obligation: 'Obligación legal',
      vital_interests: 'Intereses vitales',
      public_task: 'Misión de interés público',
      legitimate_interests: 'Intereses legítimos',
    },
  },
  it: {
    acceptAll: 'Accetta tutto',
    rejectAll: 'Rifiuta tutto',
    customise: 'Personalizza',
    save: 'Salva le scelte',
    close: 'Chiudi',
    preferencesTitle: 'Preferenze sulla privacy',
    reopen: 'Impostazioni sulla privacy',
    doNotSell: 'Non vendere né condividere le mie informazioni personali',
    optOutDone:
      'Ha scelto di escludere la vendita e la condivisione delle sue informazioni personali.',
    gpcHonoured:
      'Il segnale Global Privacy Control del suo browser viene rispettato: vendita, condivisione e pubblicità mirata restano disattivate.',
    alwaysActive: 'Sempre attivo',
    separateConsent: 'Richiede il suo consenso separato',
    legalBasis: 'Base giuridica',
    retention: 'Periodo di conservazione: {days} giorni',
    services: 'Servizi',
    recipients: 'Destinatari',
    recipientIn: '{name} ({country}), contatto: {contact}',
    receiptTitle: 'La sua ricevuta di consenso',
    receiptSaved: 'Le sue scelte sono state salvate. Ricevuta {id}, registrata il {date}.',
    receiptPending:
      'Le sue scelte sono state salvate; la ricevuta seguirà al ripristino della connessione.',
    downloadReceipt: 'Scarica la ricevuta',
    withdrawAll: 'Revoca tutti i consensi',
    on: 'Attivato',
    off: 'Disattivato',
    basis: {
      consent: 'Consenso',
      contract: 'Esecuzione di un contratto',
      legal_obligation: 'Obbligo legale',
      vital_interests: 'Interessi vitali',
      public_task: 'Compito di interesse pubblico',
      legitimate_interests: 'Legittimo interesse',
    },
  },
  pt: {
    acceptAll: 'Aceitar tudo',
    rejectAll: 'Rejeitar tudo',
    customise: 'Personalizar',
    save: 'Salvar escolhas',
    close: 'Fechar',
    preferencesTitle: 'Preferências de privacidade',
    reopen: 'Configurações de privacidade',
    doNotSell: 'Não vender nem compartilhar minhas informações pessoais',
    optOutDone:
      'Você optou por não permitir a venda e o compartilhamento de suas informações pessoais.',
    gpcHonoured:
      'O sinal Global Privacy Control do seu navegador é respeitado: a venda, o compartilhamento e a publicidade direcionada permanecem desativados.',
    alwaysActive: 'Sempre ativo',
    separateConsent: 'Requer seu consentimento separado',
    legalBasis: 'Base legal',
    retention: 'Período de retenção: {days} dias',
    services: 'Serviços',
    recipients: 'Destinatários',
    recipientIn: '{name} ({country}), contato: {contact}',
    receiptTitle: 'Seu comprovante de consentimento',
    receiptSaved: 'Suas escolhas foram salvas. Comprovante {id}, registrado em {date}.',
    receiptPending:
      'Suas escolhas foram salvas; o comprovante será enviado quando a conexão for restabelecida.',
    downloadReceipt: 'Baixar comprovante',
    withdrawAll: 'Revogar todos os consentimentos',
    on: 'Ativado',
    off: 'Desativado',
    basis: {
      consent: 'Consentimento',
      contract: 'Execução de contrato',
      legal_obligation: 'Obrigação legal',
      vital_interests: 'Interesses vitais',
      public_task: 'Missão de interesse público',
      legitimate_interests: 'Legítimo interesse',
    },
  },
  nl: {
    acceptAll: 'Alles accepteren',
    rejectAll: 'Alles weigeren',
    customise: 'Aanpassen',
    save: 'Keuzes opslaan',
    close: 'Sluiten',
    preferencesTitle: 'Privacyvoorkeuren',
    reopen: 'Privacyinstellingen',
    doNotSell: 'Mijn persoonsgegevens niet verkopen of delen',
    optOutDone: 'U hebt bezwaar gemaakt tegen de verkoop en het delen van uw persoonsgegevens.',
    gpcHonoured:
      'Het Global Privacy Control-signaal van uw browser wordt gerespecteerd: verkoop, delen en gerichte advertenties blijven uitgeschakeld.',
    alwaysActive: 'Altijd actief',
    separateConsent: 'Vereist uw afzonderlijke toestemming',
    legalBasis: 'Rechtsgrond',
    retention: 'Bewaartermijn: {days} dagen',
    services: 'Diensten',
    recipients: 'Ontvangers',
    recipientIn: '{name} ({country}), contact: {contact}',
    receiptTitle: 'Uw toestemmingsbewijs',
    receiptSaved: 'Uw keuzes zijn opgeslagen. Bewijs {id}, vastgelegd op {date}.',
    receiptPending: 'Uw keuzes zijn opgeslagen; het bewijs volgt zodra de verbinding is hersteld.',
    downloadReceipt: 'Bewijs downloaden',
    withdrawAll: 'Alle toestemmingen intrekken',
    on: 'Aan',
    off: 'Uit',
    basis: {
      consent: 'Toestemming',
      contract: 'Uitvoering van een overeenkomst',
      legal_obligation: 'Wettelijke verplichting',
      vital_interests: 'Vitale belangen',
      public_task: 'Taak van algemeen belang',
      legitimate_interests: 'Gerechtvaardigd belang',
    },
  },
  pl: {
    acceptAll: 'Zaakceptuj wszystkie',
    rejectAll: 'Odrzuć wszystkie',
    customise: 'Dostosuj',
    save: 'Zapisz wybór',
    close: 'Zamknij',
    preferencesTitle: 'Preferencje prywatności',
    reopen: 'Ustawienia prywatności',
    doNotSell: 'Nie sprzedawaj ani nie udostępniaj moich danych osobowych',
    optOutDone:
      'Sprzeciw wobec sprzedaży i udostępniania Twoich danych osobowych został zarejestrowany.',
    gpcHonoured:
      'Sygnał Global Privacy Control z Twojej przeglądarki jest respektowany: sprzedaż, udostępnianie i reklama ukierunkowana pozostają wyłączone.',
    alwaysActive: 'Zawsze aktywne',
    separateConsent: 'Wymaga Twojej odrębnej zgody',
    legalBasis: 'Podstawa prawna',
    retention: 'Okres przechowywania: {days} dni',
    services: 'Usługi',
    recipients: 'Odbiorcy',
    recipientIn: '{name} ({country}), kontakt: {contact}',
    receiptTitle: 'Twoje potwierdzenie zgody',
    receiptSaved: 'Twój wybór został zapisany. Potwierdzenie {id} z dnia {date}.',
    receiptPending:
      'Twój wybór został zapisany; potwierdzenie zostanie przesłane po przywróceniu połączenia.',
    downloadReceipt: 'Pobierz potwierdzenie',
    withdrawAll: 'Wycofaj wszystkie zgody',
    on: 'Włączone',
    off: 'Wyłączone',
    basis: {
      consent: 'Zgoda',
      contract: 'Wykonanie umowy',
      legal_obligation: 'Obowiązek prawny',
      vital_interests: 'Żywotne interesy',
      public_task: 'Zadanie realizowane w interesie publicznym',
      legitimate_interests: 'Prawnie uzasadniony interes',
    },
  },
  sv: {
    acceptAll: 'Godkänn alla',
    rejectAll: 'Avvisa alla',
    customise: 'Anpassa',
    save: 'Spara val',
    close: 'Stäng',
    preferencesTitle: 'Integritetsval',
    reopen: 'Integritetsinställningar',
    doNotSell: 'Sälj eller dela inte mina personuppgifter',
    optOutDone: 'Du har valt bort försäljning och delning av dina personuppgifter.',
    gpcHonoured:
      'Din webbläsares Global Privacy Control-signal respekteras: försäljning, delning och riktad reklam förblir avstängda.',
    alwaysActive: 'Alltid aktiv',
    separateConsent: 'Kräver ditt separata samtycke',
    legalBasis: 'Rättslig grund',
    retention: 'Lagras i {days} dagar',
    services: 'Tjänster',
    recipients: 'Mottagare',
    recipientIn: '{name} ({country}), kontakt: {contact}',
    receiptTitle: 'Ditt samtyckeskvitto',
    receiptSaved: 'Dina val har sparats. Kvitto {id}, registrerat {date}.',
    receiptPending: 'Dina val har sparats; kvittot följer när anslutningen har återställts.',
    downloadReceipt: 'Ladda ned kvitto',
    withdrawAll: 'Återkalla alla samtycken',
    on: 'På',
    off: 'Av',
    basis: {
      consent: 'Samtycke',
      contract: 'Avtal',
      legal_obligation: 'Rättslig förpliktelse',
      vital_interests: 'Grundläggande intressen',
      public_task: 'Uppgift av allmänt intresse',
      legitimate_interests: 'Berättigat intresse',
    },
  },
  ja: {
    acceptAll: 'すべて同意',
    rejectAll: 'すべて拒否',
    customise: 'カスタマイズ',
    save: '選択内容を保存',
    close: '閉じる',
    preferencesTitle: 'プライバシーに関する設定',
    reopen: 'プライバシー設定',
    doNotSell: '私の個人情報を販売または共有しないでください',
    optOutDone: 'お客様の個人情報の販売および共有をオプトアウトしました。',
    gpcHonoured:
      'お使いのブラウザーの Global Privacy Control シグナルを尊重します。販売、共有およびターゲティング広告は無効のままです。',
    alwaysActive: '常に有効',
    separateConsent: '個別の同意が必要です',
    legalBasis: '法的根拠',
    retention: '保存期間：{days}日',
    services: 'サービス',
    recipients: '提供先',
    recipientIn: '{name}（{country}）、連絡先：{contact}',
    receiptTitle: '同意の控え',
    receiptSaved: '選択内容を保存しました。控え番号：{id}、記録日時：{date}。',
    receiptPending: '選択内容を保存しました。控えは接続が回復しだいお届けします。',
    downloadReceipt: '控えをダウンロード',
    withdrawAll: 'すべての同意を撤回',
    on: 'オン',
    off: 'オフ',
    basis: {
      consent: '同意',
      contract: '契約の履行',
      legal_obligation: '法的義務の遵守',
      vital_interests: '生命に関する利益の保護',
      public_task: '公共の利益のための職務',
      legitimate_interests: '正当な利益',
    },
  },
  'zh-Hans': {
    acceptAll: '全部接受',
    rejectAll: '全部拒绝',
    customise: '自定义',
    save: '保存选择',
    close: '关闭',
    preferencesTitle: '隐私偏好',
    reopen: '隐私设置',
    doNotSell: '请勿出售或共享我的个人信息',
    optOutDone: '您已选择不允许出售和共享您的个人信息。',
    gpcHonoured: '已遵从您浏览器的全球隐私控制（GPC）信号：出售、共享和定向广告将保持关闭。',
    alwaysActive: '始终启用',
    separateConsent: '需要您的单独同意',
    legalBasis: '法律依据',
    retention: '保存期限：{days}天',
    services: '服务',
    recipients: '接收方',
    recipientIn: '{name}（{country}），联系方式：{contact}',
    receiptTitle: '您的同意回执',
    receiptSaved: '您的选择已保存。回执编号：{id}，记录时间：{date}。',
    receiptPending: '您的选择已保存；网络连接恢复后将为您提供回执。',
    downloadReceipt: '下载回执',
    withdrawAll: '撤回全部同意',
    on: '开启',
    off: '关闭',
    basis: {
      consent: '同意',
      contract: '履行合同',
      legal_obligation: '履行法定义务',
      vital_interests: '保护重大利益',
      public_task: '执行公共任务',
      legitimate_interests: '正当利益',
    },
  },
  'zh-Hant': {
    acceptAll: '全部接受',
    rejectAll: '全部拒絕',
    customise: '自訂',
    save: '儲存選擇',
    close: '關閉',
    preferencesTitle: '隱私偏好',
    reopen: '隱私設定',
    doNotSell: '請勿出售或分享我的個人資料',
    optOutDone: '您已選擇不允許出售及分享您的個人資料。',
    gpcHonoured: '已遵循您瀏覽器的全球隱私控制（GPC）訊號：出售、分享及目標式廣告將維持關閉。',
    alwaysActive: '一律啟用',
    separateConsent: '需要您另行同意',
    legalBasis: '法律依據',
    retention: '保存期限：{days}天',
    services: '服務',
    recipients: '接收者',
    recipientIn: '{name}（{country}），聯絡方式：{contact}',
    receiptTitle: '您的同意收據',
    receiptSaved: '您的選擇已儲存。收據編號：{id}，記錄時間：{date}。',
    receiptPending: '您的選擇已儲存；連線恢復後將為您提供收據。',
    downloadReceipt: '下載收據',
    withdrawAll: '撤回所有同意',
    on: '開啟',
    off: '關閉',
    basis: {
      consent: '同意',
      contract: '履行契約',
      legal_obligation: '履行法定義務',
      vital_interests: '保護重大利益',
      public_task: '執行公共任務',
      legitimate_interests: '正當利益',
    },
  },
  ar: {
    acceptAll: 'قبول الكل',
    rejectAll: 'رفض الكل',
    customise: 'تخصيص',
    save: 'حفظ الاختيارات',
    close: 'إغلاق',
    preferencesTitle: 'تفضيلات الخصوصية',
    reopen: 'إعدادات الخصوصية',
    doNotSell: 'عدم بيع معلوماتي الشخصية أو مشاركتها',
    optOutDone: 'لقد اخترت عدم السماح ببيع معلوماتك الشخصية أو مشاركتها.',
    gpcHonoured:
      'نلتزم بإشارة التحكم العالمي في الخصوصية (GPC) الصادرة عن متصفحك، لذا تظل عمليات البيع والمشاركة والإعلانات الموجهة معطلة.',
    alwaysActive: 'مفعل دائمًا',
    separateConsent: 'يتطلب موافقتك المنفصلة',
    legalBasis: 'الأساس القانوني',
    retention: 'مدة الاحتفاظ (بالأيام): {days}',
    services: 'الخدمات',
    recipients: 'الجهات المستلمة',
    recipientIn: '{name} ({country})، بيانات الاتصال: {contact}',
    receiptTitle: 'إيصال موافقتك',
    receiptSaved: 'تم حفظ اختياراتك. رقم الإيصال: {id}، تاريخ التسجيل: {date}.',
    receiptPending: 'تم حفظ اختياراتك، وسيصلك الإيصال عند عودة الاتصال.',
    downloadReceipt: 'تنزيل الإيصال',
    withdrawAll: 'سحب جميع الموافقات',
    on: 'تشغيل',
    off: 'إيقاف',
    basis: {
      consent: 'الموافقة',
      contract: 'تنفيذ عقد',
      legal_obligation: 'الالتزام القانوني',
      vital_interests: 'المصالح الحيوية',
      public_task: 'أداء مهمة للمصلحة العامة',
      legitimate_interests: 'المصالح المشروعة',
    },
  },
};

/** Languages written right to left. */
export const RTL = new Set(['ar', 'fa', 'he', 'ur']);

/** The strings for a language tag: exact, then primary subtag (zh-TW -> zh-Hant, other zh -> zh-Hans), then English. */
export function stringsFor(language: string): UiStrings {
  return STRINGS[pickLanguage(Object.keys(STRINGS), 'en', [language])] ?? en;
}
