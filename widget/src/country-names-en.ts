/**
 * English country names (CLDR, as `Intl.DisplayNames` gives them), already sorted by name: each entry is the
 * ISO code followed by the name. Built in because constructing `Intl.DisplayNames` loads ICU data that costs
 * tens of milliseconds on a cold page, on the way to the first interactive render. Other languages still use
 * `Intl.DisplayNames`. `country-codes.test.ts` checks this against the runtime's own names.
 */
export const ENGLISH_COUNTRY_NAMES: ReadonlyArray<[code: string, name: string]> = (
  "AFAfghanistan|AXÅland Islands|ALAlbania|DZAlgeria|ASAmerican Samoa|ADAndorra|AOAngola|AIAnguilla|" +
  "AQAntarctica|AGAntigua & Barbuda|ARArgentina|AMArmenia|AWAruba|AUAustralia|ATAustria|AZAzerbaijan|BSBahamas|" +
  "BHBahrain|BDBangladesh|BBBarbados|BYBelarus|BEBelgium|BZBelize|BJBenin|BMBermuda|BTBhutan|BOBolivia|" +
  "BABosnia & Herzegovina|BWBotswana|BVBouvet Island|BRBrazil|IOBritish Indian Ocean Territory|" +
  "VGBritish Virgin Islands|BNBrunei|BGBulgaria|BFBurkina Faso|BIBurundi|KHCambodia|CMCameroon|CACanada|" +
  "CVCape Verde|BQCaribbean Netherlands|KYCayman Islands|CFCentral African Republic|TDChad|CLChile|CNChina|" +
  "CXChristmas Island|CCCocos (Keeling) Islands|COColombia|KMComoros|CGCongo - Brazzaville|CDCongo - Kinshasa|" +
  "CKCook Islands|CRCosta Rica|CICôte d’Ivoire|HRCroatia|CUCuba|CWCuraçao|CYCyprus|CZCzechia|DKDenmark|" +
  "DJDjibouti|DMDominica|DODominican Republic|ECEcuador|EGEgypt|SVEl Salvador|GQEquatorial Guinea|EREritrea|" +
  "EEEstonia|SZEswatini|ETEthiopia|FKFalkland Islands|FOFaroe Islands|FJFiji|FIFinland|FRFrance|" +
  "GFFrench Guiana|PFFrench Polynesia|TFFrench Southern Territories|GAGabon|GMGambia|GEGeorgia|DEGermany|" +
  "GHGhana|GIGibraltar|GRGreece|GLGreenland|GDGrenada|GPGuadeloupe|GUGuam|GTGuatemala|GGGuernsey|GNGuinea|" +
  "GWGuinea-Bissau|GYGuyana|HTHaiti|HMHeard & McDonald Islands|HNHonduras|HKHong Kong SAR China|HUHungary|" +
  "ISIceland|INIndia|IDIndonesia|IRIran|IQIraq|IEIreland|IMIsle of Man|ILIsrael|ITItaly|JMJamaica|JPJapan|" +
  "JEJersey|JOJordan|KZKazakhstan|KEKenya|KIKiribati|KWKuwait|KGKyrgyzstan|LALaos|LVLatvia|LBLebanon|LSLesotho|" +
  "LRLiberia|LYLibya|LILiechtenstein|LTLithuania|LULuxembourg|MOMacao SAR China|MGMadagascar|MWMalawi|" +
  "MYMalaysia|MVMaldives|MLMali|MTMalta|MHMarshall Islands|MQMartinique|MRMauritania|MUMauritius|YTMayotte|" +
  "MXMexico|FMMicronesia|MDMoldova|MCMonaco|MNMongolia|MEMontenegro|MSMontserrat|MAMorocco|MZMozambique|" +
  "MMMyanmar (Burma)|NANamibia|NRNauru|NPNepal|NLNetherlands|NCNew Caledonia|NZNew Zealand|NINicaragua|NENiger|" +
  "NGNigeria|NUNiue|NFNorfolk Island|KPNorth Korea|MKNorth Macedonia|MPNorthern Mariana Islands|NONorway|" +
  "OMOman|PKPakistan|PWPalau|PSPalestinian Territories|PAPanama|PGPapua New Guinea|PYParaguay|PEPeru|" +
  "PHPhilippines|PNPitcairn Islands|PLPoland|PTPortugal|PRPuerto Rico|QAQatar|RERéunion|RORomania|RURussia|" +
  "RWRwanda|WSSamoa|SMSan Marino|STSão Tomé & Príncipe|SASaudi Arabia|SNSenegal|RSSerbia|SCSeychelles|" +
  "SLSierra Leone|SGSingapore|SXSint Maarten|SKSlovakia|SISlovenia|SBSolomon Islands|SOSomalia|ZASouth Africa|" +
  "GSSouth Georgia & South Sandwich Islands|KRSouth Korea|SSSouth Sudan|ESSpain|LKSri Lanka|BLSt. Barthélemy|" +
  "SHSt. Helena|KNSt. Kitts & Nevis|LCSt. Lucia|MFSt. Martin|PMSt. Pierre & Miquelon|" +
  "VCSt. Vincent & Grenadines|SDSudan|SRSuriname|SJSvalbard & Jan Mayen|SESweden|CHSwitzerland|SYSyria|" +
  "TWTaiwan|TJTajikistan|TZTanzania|THThailand|TLTimor-Leste|TGTogo|TKTokelau|TOTonga|TTTrinidad & Tobago|" +
  "TNTunisia|TRTürkiye|TMTurkmenistan|TCTurks & Caicos Islands|TVTuvalu|UMU.S. Outlying Islands|" +
  "VIU.S. Virgin Islands|UGUganda|UAUkraine|AEUnited Arab Emirates|GBUnited Kingdom|USUnited States|UYUruguay|" +
  "UZUzbekistan|VUVanuatu|VAVatican City|VEVenezuela|VNVietnam|WFWallis & Futuna|EHWestern Sahara|YEYemen|" +
  "ZMZambia|ZWZimbabwe"
)
  .split("|")
  .map((entry): [string, string] => [entry.slice(0, 2), entry.slice(2)]);
