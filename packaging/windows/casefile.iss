; Inno Setup script: installs the PyInstaller one-folder build (dist\casefile) on Windows
; with a Start-menu entry and an uninstaller. Build on Windows after `make package`-equivalent:
;   py -m PyInstaller packaging\casefile.spec --distpath dist --workpath build --noconfirm
;   iscc packaging\windows\casefile.iss
; The version comes from pyproject.toml: pass /DAppVersion=X.Y.Z to iscc (see packaging/README.md).

#ifndef AppVersion
  #define AppVersion "0.1.0"
#endif

[Setup]
AppId={{6F1B6C2E-2B7A-4C57-9E55-5A3C0B7C2F10}
AppName=Casefile
AppVersion={#AppVersion}
AppPublisher=The Casefile developers
DefaultDirName={autopf}\Casefile
DefaultGroupName=Casefile
DisableProgramGroupPage=yes
LicenseFile=..\..\LICENSE
OutputDir=..\..\dist
OutputBaseFilename=Casefile-{#AppVersion}-setup
SetupIconFile=..\..\resources\icons\casefile.ico
UninstallDisplayIcon={app}\casefile.exe
Compression=lzma2
SolidCompression=yes
WizardStyle=modern
PrivilegesRequiredOverridesAllowed=dialog
ArchitecturesInstallIn64BitMode=x64compatible

[Files]
Source: "..\..\dist\casefile\*"; DestDir: "{app}"; Flags: recursesubdirs createallsubdirs ignoreversion

[Icons]
Name: "{group}\Casefile"; Filename: "{app}\casefile.exe"
Name: "{group}\Uninstall Casefile"; Filename: "{uninstallexe}"

[Registry]
Root: HKA; Subkey: "Software\Classes\.casefile"; ValueType: string; ValueData: "Casefile.Workspace"; Flags: uninsdeletevalue
Root: HKA; Subkey: "Software\Classes\Casefile.Workspace"; ValueType: string; ValueData: "Casefile workspace"; Flags: uninsdeletekey
Root: HKA; Subkey: "Software\Classes\Casefile.Workspace\shell\open\command"; ValueType: string; ValueData: """{app}\casefile.exe"" --db ""%1"""

[Run]
Filename: "{app}\casefile.exe"; Description: "Start Casefile"; Flags: nowait postinstall skipifsilent
