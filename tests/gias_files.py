"""Files in the format of the GIAS establishment extract, `edubasealldataYYYYMMDD.csv`: its full
header (the columns the import reads and the many it ignores), Windows-1252, CRLF lines; and
the ways such a file arrives damaged (cut off, or with lines in two encodings)."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Mapping
from pathlib import Path

# The published extract's columns, in its order.
GIAS_COLUMNS = (
    "URN",
    "LA (code)",
    "LA (name)",
    "EstablishmentNumber",
    "EstablishmentName",
    "TypeOfEstablishment (code)",
    "TypeOfEstablishment (name)",
    "EstablishmentTypeGroup (code)",
    "EstablishmentTypeGroup (name)",
    "EstablishmentStatus (code)",
    "EstablishmentStatus (name)",
    "ReasonEstablishmentOpened (code)",
    "ReasonEstablishmentOpened (name)",
    "OpenDate",
    "ReasonEstablishmentClosed (code)",
    "ReasonEstablishmentClosed (name)",
    "CloseDate",
    "PhaseOfEducation (code)",
    "PhaseOfEducation (name)",
    "StatutoryLowAge",
    "StatutoryHighAge",
    "Boarders (code)",
    "Boarders (name)",
    "NurseryProvision (name)",
    "OfficialSixthForm (code)",
    "OfficialSixthForm (name)",
    "Gender (code)",
    "Gender (name)",
    "ReligiousCharacter (code)",
    "ReligiousCharacter (name)",
    "ReligiousEthos (name)",
    "Diocese (code)",
    "Diocese (name)",
    "AdmissionsPolicy (code)",
    "AdmissionsPolicy (name)",
    "SchoolCapacity",
    "SpecialClasses (code)",
    "SpecialClasses (name)",
    "CensusDate",
    "NumberOfPupils",
    "NumberOfBoys",
    "NumberOfGirls",
    "PercentageFSM",
    "TrustSchoolFlag (code)",
    "TrustSchoolFlag (name)",
    "Trusts (code)",
    "Trusts (name)",
    "SchoolSponsorFlag (name)",
    "SchoolSponsors (name)",
    "FederationFlag (name)",
    "Federations (code)",
    "Federations (name)",
    "UKPRN",
    "FEHEIdentifier",
    "FurtherEducationType (name)",
    "OfstedLastInsp",
    "OfstedSpecialMeasures (code)",
    "OfstedSpecialMeasures (name)",
    "LastChangedDate",
    "Street",
    "Locality",
    "Address3",
    "Town",
    "County (name)",
    "Postcode",
    "SchoolWebsite",
    "TelephoneNum",
    "HeadTitle (name)",
    "HeadFirstName",
    "HeadLastName",
    "HeadPreferredJobTitle",
    "BSOInspectorateName (name)",
    "InspectorateReport",
    "DateOfLastInspectionVisit",
    "NextInspectionVisit",
    "TeenMoth (name)",
    "TeenMothPlaces",
    "CCF (name)",
    "SENPRU (name)",
    "EBD (name)",
    "PlacesPRU",
    "FTProv (name)",
    "EdByOther (name)",
    "Section41Approved (name)",
    *(f"SEN{n} (name)" for n in range(1, 14)),
    "TypeOfResourcedProvision (name)",
    "ResourcedProvisionOnRoll",
    "ResourcedProvisionCapacity",
    "SenUnitOnRoll",
    "SenUnitCapacity",
    "GOR (code)",
    "GOR (name)",
    "DistrictAdministrative (code)",
    "DistrictAdministrative (name)",
    "AdministrativeWard (code)",
    "AdministrativeWard (name)",
    "ParliamentaryConstituency (code)",
    "ParliamentaryConstituency (name)",
    "UrbanRural (code)",
    "UrbanRural (name)",
    "GSSLACode (name)",
    "Easting",
    "Northing",
    "MSOA (name)",
    "LSOA (name)",
    "InspectorateName (name)",
    "SENStat",
    "SENNoStat",
    "BoardingEstablishment (name)",
    "PropsName",
    "PreviousLA (code)",
    "PreviousLA (name)",
    "PreviousEstablishmentNumber",
    "OfstedRating (name)",
    "RSCRegion (name)",
    "Country (name)",
    "UPRN",
    "SiteName",
    "QABName (code)",
    "QABName (name)",
    "EstablishmentAccredited (code)",
    "EstablishmentAccredited (name)",
    "QABReport",
    "CHNumber",
    "MSOA (code)",
    "LSOA (code)",
    "FSM",
    "AccreditationExpiryDate",
)


def gias_row(urn: str, name: str = "Oakfield Primary Academy", **columns: str) -> dict[str, str]:
    """An open primary academy in Leeds unless told otherwise; keys are GIAS column names."""
    row = {
        "URN": urn,
        "LA (code)": "383",
        "LA (name)": "Leeds",
        "EstablishmentNumber": "2001",
        "EstablishmentName": name,
        "TypeOfEstablishment (code)": "28",
        "TypeOfEstablishment (name)": "Academy converter",
        "EstablishmentTypeGroup (code)": "10",
        "EstablishmentTypeGroup (name)": "Academies",
        "EstablishmentStatus (code)": "1",
        "EstablishmentStatus (name)": "Open",
        "OpenDate": "01-09-2012",
        "PhaseOfEducation (code)": "2",
        "PhaseOfEducation (name)": "Primary",
        "StatutoryLowAge": "4",
        "StatutoryHighAge": "11",
        "Gender (name)": "Mixed",
        "NumberOfPupils": "412",
        "LastChangedDate": "14-03-2024",
        "Street": "Oak Lane",
        "Town": "Leeds",
        "Postcode": "LS1 4AB",
        "TelephoneNum": "01131234567",
        "HeadTitle (name)": "Mrs",
        "HeadFirstName": "Ann",
        "HeadLastName": "Smith",
        "GOR (name)": "Yorkshire and the Humber",
        "Easting": "430000",
        "Northing": "433000",
        "Country (name)": "",
    }
    row.update(columns)
    return row


def write_gias(
    path: Path,
    rows: Iterable[Mapping[str, str]],
    *,
    columns: Iterable[str] = GIAS_COLUMNS,
    encoding: str = "cp1252",
) -> Path:
    """Write the rows under the full header; columns a row does not name are left blank."""
    header = list(columns)
    with path.open("w", encoding=encoding, newline="") as file:
        writer = csv.writer(file, lineterminator="\r\n")
        writer.writerow(header)
        for row in rows:
            writer.writerow([row.get(name, "") for name in header])
    return path


def gias_line(row: Mapping[str, str], *, columns: Iterable[str] = GIAS_COLUMNS) -> str:
    """One row as `write_gias` writes it, CRLF included."""
    text = io.StringIO()
    csv.writer(text, lineterminator="\r\n").writerow([row.get(name, "") for name in columns])
    return text.getvalue()


def append_line(
    path: Path,
    row: Mapping[str, str],
    *,
    encoding: str,
    columns: Iterable[str] = GIAS_COLUMNS,
) -> Path:
    """A row added in an encoding of its own, as when a line is pasted in from elsewhere."""
    with path.open("ab") as file:
        file.write(gias_line(row, columns=columns).encode(encoding))
    return path


def cut_off(path: Path, *, keep_bytes: int) -> Path:
    """The file as an interrupted download leaves it: its first `keep_bytes` bytes."""
    path.write_bytes(path.read_bytes()[:keep_bytes])
    return path
