#pragma once
// Reads ExchangeExport records from exported objects (exchange_object.h),
// one object at a time, whatever format they came from. What it cannot read
// goes to the file's import report; see exchange_export.h for the rules.

#include <string>

#include "base/diagnostic.h"
#include "import/exchange_export.h"
#include "import/exchange_object.h"
#include "import/exchange_object_kind.h"
#include "model/import_report.h"

namespace kst {

class ExchangeRecordReader {
 public:
  ExchangeRecordReader(ExchangeExport* out, FileImportReport* report, Diagnostics* diagnostics)
      : out_(out), report_(report), diagnostics_(diagnostics) {}

  /// Classifies `object` and appends what it holds to the export.
  void Read(const ExportValue& object);

 private:
  void ReadServer(const ExportValue& object);
  void ReadDialPlan(const ExportValue& object);
  void ReadAssignment(const ExportValue& object, ExchangeObjectKind kind);
  void ReadCertificate(const ExportValue& object);
  void ReadCertificateFields(const ExportValue& object, ExchangeCertificateRecord* record);
  void ReadCertificateOwner(const ExportValue& object, ExchangeCertificateRecord* record);
  bool ReadServerIdentity(const ExportValue& object, ExchangeObjectKind kind, DialPlanAssignment* assignment);
  void ReportUnknownProperties(const ExportValue& object, ExchangeObjectKind kind);
  void Note(const ExportValue& at, std::string comment, bool affects_verdict);

  ExchangeExport* out_;
  FileImportReport* report_;
  Diagnostics* diagnostics_;
};

}  // namespace kst
