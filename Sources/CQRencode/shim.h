#ifndef ASSETMAP_QRENCODE_SHIM_H
#define ASSETMAP_QRENCODE_SHIM_H
// Debian's libqrencode (libqrencode-dev): the room's join address as a QR code.
#include <qrencode.h>
#endif
