// Code42's risk indicator catalogue, static: no real ids are published, so ids are slugs of the names for categories
// and subcategories, and an indicator's id is its name, as an event's risk.indicators[] carries {name, id == name}.
// The groupings are py42's (v2 filters/risk.py Indicators); the tenant has no custom indicators, and every standard
// one is active.

export interface RiskIndicator {
  id: string;
  name: string;
  description: string | null;
}
export interface RiskIndicatorSubcategory {
  id: string;
  name: string;
  description: string | null;
  standardIndicators: RiskIndicator[];
  customIndicators: RiskIndicator[];
}
export interface RiskIndicatorCategory {
  id: string;
  name: string;
  description: string | null;
  subcategories: RiskIndicatorSubcategory[];
}

const slug = (name: string) => name.toLowerCase().replace(/[^a-z0-9]+/g, "-").replace(/^-|-$/g, "");
const sub = (name: string, indicators: string): RiskIndicatorSubcategory => ({
  id: slug(name),
  name,
  description: null,
  standardIndicators: indicators.split("; ").map((n) => ({ id: n, name: n, description: null })),
  customIndicators: [],
});
const category = (name: string, subcategories: RiskIndicatorSubcategory[]): RiskIndicatorCategory => ({ id: slug(name), name, description: null, subcategories });

export const RISK_INDICATOR_CATEGORIES: readonly RiskIndicatorCategory[] = [
  category("Destinations", [
    sub("Cloud data exposures", "Public link from corporate Box; Public link from corporate Google Drive; Public link from corporate OneDrive; Sent from corporate Gmail; Sent from corporate Microsoft Office 365; Shared from corporate Box; Shared from corporate Google Drive; Shared from corporate OneDrive"),
    sub("Cloud storage uploads", "Amazon Drive upload; Baidu NetDisk upload; Box upload; Crashplan upload; Drake Portals upload; Dropbox upload; File.io upload; Filestack upload; Google Drive upload; OpenText Hightail upload; iCloud upload; Mega upload; OneDrive upload; Secure Firm Portal upload; Sharefile upload; SmartVault upload; SugarSync upload; WeTransfer upload; Zoho WorkDrive upload"),
    sub("Code repository uploads", "Bitbucket upload; Colaboratory upload; GitHub upload; GitLab upload; Google Apps Script upload; Google Cloud Shell upload; SourceForge upload; Stash upload"),
    sub("Email service uploads", "163.com upload; 126.com upload; AOL upload; Comcast upload; Fastmail upload; Gmail upload; GMX upload; iCloud Mail upload; Lycos upload; Mail.com upload; Outlook upload; ProtonMail upload; QQMail upload; Sina Mail upload; Sohu Mail upload; Tutanota upload; Yahoo upload; Zix upload; Zoho Mail upload"),
    sub("External devices", "AirDrop; Download to unmonitored device from corporate Salesforce; Removable media"),
    sub("Messaging service uploads", "Discord upload; Facebook Messenger upload; Google Messages upload; Google Chat upload; Google Hangouts upload; Microsoft Teams upload; Slack upload; Telegram upload; Webex upload; WeChat upload; WhatsApp upload; Zoom upload"),
    sub("File conversion tool uploads", "CloudConvert upload; Compress JPEG upload; Free Convert upload; HEICtoJPEG upload; TinyPNG upload"),
    sub("PDF manager uploads", "Adobe Acrobat upload; CombinePDF upload; Free PDF Convert upload; iLovePDF upload; JPG2PDF upload; PDF24 Tools upload; PDFescape upload; pdfFiller upload; PDFSimpli upload; Sejda upload; SmallPDF upload; Soda PDF upload"),
    sub("Productivity tool uploads", "Adobe upload; Canva upload; Evernote upload; Figma upload; Google Keep upload; Google Jamboard upload; Image Color Picker upload; Kapwing upload; Miro upload; Monday upload; Mural upload; Notion upload; Overleaf upload; Photopea upload; Pixlr upload; remove.bg upload; Trello upload; VEED upload"),
    sub("Web hosting uploads", "GitHub Pages upload; Google Sites upload; Wix upload; WordPress upload"),
    sub("Other", "Other destination; Unknown destination"),
    sub("Social media uploads", "4chan upload; Facebook upload; Imgur upload; LinkedIn upload; Odnoklassniki upload; OK upload; Qzone upload; Reddit upload; Stack Overflow upload; Tumblr upload; Twitch upload; Twitter upload; Vimeo upload; Vk upload; Weibo upload; YouTube upload"),
  ]),
  category("File categories", [sub("File categories", "Audio; Document; Executable; Image; PDF; Presentation; Script; Source code; Spreadsheet; Video; Virtual Disk Image; Zip")]),
  category("User behavior", [
    sub("Activity", "File mismatch; Off hours; Remote; First use of destination; Rare use of destination"),
    sub("Watchlists", "Contract; Departing; Elevated access; Flight risk; High impact; High risk; Performance concerns; Poor security practices; Suspicious system activity"),
  ]),
];

/**
 * The catalogue by category name in `direction`; `active` keeps only the indicators whose activity matches (all the
 * standard ones are active, so `false` answers every category and subcategory with empty indicator lists).
 */
export function listRiskIndicatorCategories(active?: boolean, direction: "asc" | "desc" = "asc"): RiskIndicatorCategory[] {
  const kept = RISK_INDICATOR_CATEGORIES.map((c) => (active === false ? { ...c, subcategories: c.subcategories.map((s) => ({ ...s, standardIndicators: [] })) } : c));
  const sorted = [...kept].sort((a, b) => a.name.localeCompare(b.name));
  return direction === "desc" ? sorted.reverse() : sorted;
}

export const riskIndicatorCategory = (id: string): RiskIndicatorCategory | undefined => RISK_INDICATOR_CATEGORIES.find((c) => c.id === id);
